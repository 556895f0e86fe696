/** The page's language, switchable anywhere (the choice is kept in this browser). */
import { LOCALES, locale, setLocale, t, type Locale } from '../i18n/i18n';

const NAMES: Record<Locale, string> = { ru: 'Русский', en: 'English' };

export function LanguageSelect({ showLabel = false }: { readonly showLabel?: boolean }) {
  return (
    <label class="language">
      <span class={showLabel ? undefined : 'visually-hidden'}>{t('app.language')}</span>
      <select value={locale.value} onChange={(event) => setLocale((event.target as HTMLSelectElement).value as Locale)} data-testid="language">
        {LOCALES.map((each) => (
          <option key={each} value={each} lang={each}>
            {NAMES[each]}
          </option>
        ))}
      </select>
    </label>
  );
}
