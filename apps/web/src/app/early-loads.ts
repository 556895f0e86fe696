/**
 * Loads started before the page that shows them is drawn (while the page asks who is signed in), taken by
 * that page's first load of the same key (useResource). An answer is taken once and only while fresh; a load
 * that failed is not taken: the page loads again and shows its own answer.
 */
const FRESH_MS = 10_000;

const started = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();

export function startEarly(key: string, load: () => Promise<unknown>): void {
  const answer = load();
  answer.catch(() => undefined); // taken (and its failure handled) by the page, or dropped
  started.set(key, { at: Date.now(), answer });
}

/** The answer of an early load of `key`, if one was started in the last seconds; removed once taken. */
export function takeEarly<T>(key: string, now = Date.now()): Promise<T> | undefined {
  const early = started.get(key);
  started.delete(key);
  return early !== undefined && now - early.at < FRESH_MS ? (early.answer as Promise<T>) : undefined;
}
