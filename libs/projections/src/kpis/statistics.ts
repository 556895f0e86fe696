/** Small, exact statistics for the KPIs: medians, ratios and money by currency. */

export type MoneyByCurrency = Record<string, number>;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort(); // a typed array sorts numerically, without a comparator call per pair
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** numerator ÷ denominator rounded to 4 decimals; null when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round(numerator / denominator, 4);
}

export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function addMoney(target: MoneyByCurrency, currency: string, amount: number): void {
  target[currency] = round((target[currency] ?? 0) + amount, 2);
}

export function mapMoney(money: MoneyByCurrency, change: (amount: number, currency: string) => number | null): Record<string, number | null> {
  return Object.fromEntries(Object.entries(money).map(([currency, amount]) => [currency, change(amount, currency)]));
}
