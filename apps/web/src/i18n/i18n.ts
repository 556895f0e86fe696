/**
 * Words live in catalogues, not in code (STYLE 13): every visible string is a key of messages.en.json, and
 * messages.ru.json must hold the same keys (the type check says so). A message is a string with `{name}`
 * placeholders, or, where a count decides the wording, one string per plural category of the language.
 */
import { signal } from '@preact/signals';
import en from './messages.en.json';
import ru from './messages.ru.json';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type MessageKey = keyof typeof en;
type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type Message = string | Plural;

const catalogues: Record<Locale, Record<MessageKey, Message>> = {
  en,
  ru: ru satisfies Record<MessageKey, Message>,
};

const STORAGE_KEY = 'sales-ops.locale';

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'ru' || stored === 'en') return stored;
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'ru' || primary === 'en') return primary;
  }
  return 'en';
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

export type MessageParams = Record<string, string | number>;

/** The message for `key` in the current language, with its placeholders filled. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const current = locale.value;
  const message = catalogues[current][key] ?? catalogues.en[key] ?? key;
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(params.count ?? 0);
    let rules = pluralRules.get(current);
    if (rules === undefined) pluralRules.set(current, (rules = new Intl.PluralRules(current)));
    text = message[rules.select(count)] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalogue has a message for a key built at run time (e.g. from a reason code the API sent). */
export function hasMessage(key: string): key is MessageKey & string {
  return key in catalogues.en;
}
