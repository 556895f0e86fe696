/** Small, exact statistics for the KPIs: medians, ratios and money by currency. */

export type MoneyByCurrency = Record<string, number>;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const scratch = Float64Array.from(values);
  const middle = scratch.length >> 1;
  const upper = select(scratch, middle);
  return scratch.length % 2 === 1 ? upper : (select(scratch, middle - 1, middle) + upper) / 2;
}

/**
 * The k-th smallest value (0-based) of values[0, end), reordering them in place (Hoare's quickselect,
 * linear on average: the KPIs take medians of tens of thousands of latencies per request). After
 * select(values, k), every value before k is ≤ values[k], so the (k-1)-th is the largest of values[0, k).
 */
function select(values: Float64Array, k: number, end = values.length): number {
  let low = 0;
  let high = end - 1;
  while (high > low) {
    const pivot = values[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k]!;
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

/**
 * Money counted with the things it is the value of, per currency, as a sum of changes (things that came and went):
 * a currency none of them is counted in any more is left out of held(), even when rounding left money in it.
 */
export class CountedMoney {
  /** Things counted, over every currency. */
  count = 0;
  private readonly counts: Record<string, number> = {};
  private readonly amounts: MoneyByCurrency = {};

  /** `count` things more (fewer when negative) and `amount` (signed) more money, in `currency`. */
  change(count: number, currency: string, amount: number): void {
    this.count += count;
    this.counts[currency] = (this.counts[currency] ?? 0) + count;
    addMoney(this.amounts, currency, amount);
  }

  add(other: CountedMoney): void {
    for (const currency in other.counts) this.change(other.counts[currency]!, currency, other.amounts[currency] ?? 0);
  }

  /** The money of each currency something is counted in, currencies in order. */
  held(): MoneyByCurrency {
    const held: MoneyByCurrency = {};
    for (const currency of Object.keys(this.counts).sort()) if (this.counts[currency]! > 0) held[currency] = this.amounts[currency] ?? 0;
    return held;
  }
}
