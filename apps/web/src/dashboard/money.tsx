/** Amounts by currency, as the API keeps them: each currency on its own line, never summed with another. */
import { formatMoney } from '../i18n/format';

export type MoneyByCurrency = Readonly<Record<string, number | null>>;

export function currencies(...amounts: Array<MoneyByCurrency | undefined>): string[] {
  const all = new Set<string>();
  for (const amount of amounts) for (const currency of Object.keys(amount ?? {})) all.add(currency);
  return [...all].sort((a, b) => (a === 'RUB' ? -1 : b === 'RUB' ? 1 : a.localeCompare(b)));
}

export function moneyText(amount: MoneyByCurrency | undefined, options: { compact?: boolean } = {}): string {
  const list = currencies(amount);
  if (list.length === 0) return formatMoney(0, 'RUB', options);
  return list.map((currency) => formatMoney(amount![currency] ?? null, currency, options)).join(' · ');
}

export function Money({ amount, compact }: { readonly amount: MoneyByCurrency | undefined; readonly compact?: boolean }) {
  const list = currencies(amount);
  if (list.length <= 1) return <>{moneyText(amount, { compact })}</>;
  return (
    <span class="money-list">
      {list.map((currency) => (
        <span key={currency}>{formatMoney(amount![currency] ?? null, currency, { compact })}</span>
      ))}
    </span>
  );
}
