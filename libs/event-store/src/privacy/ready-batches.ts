/**
 * Groups what an async iterator has ready: each batch is the items that came without waiting for I/O (a page
 * already read), at most `max`. A reader that needs one lookup per batch (the keys of a page's subjects) pays one
 * round trip a page instead of one an event, and a live subscription still gets each event when it comes. When
 * `worthWaiting` says a batch's first item needs no lookup (its key is known), it goes alone, at once.
 */
const TURN = Symbol('turn');
const nextTurn = (): Promise<typeof TURN> => new Promise((resolve) => setImmediate(resolve, TURN));

export async function* readyBatches<T>(source: AsyncIterator<T>, max: number, worthWaiting: (first: T) => boolean): AsyncGenerator<T[], void, undefined> {
  let pending: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      const first = await (pending ?? source.next());
      pending = undefined;
      if (first.done) return;
      const batch = [first.value];
      let done = false;
      // An item that needs no round trip of its own goes at once: a turn of a busy event loop can take tens of ms.
      while (batch.length < max && worthWaiting(first.value)) {
        const next = source.next();
        const settled = await Promise.race([next, nextTurn()]);
        if (settled === TURN) {
          pending = next;
          break;
        }
        if (settled.done) {
          done = true;
          break;
        }
        batch.push(settled.value);
      }
      yield batch;
      if (done) return;
    }
  } finally {
    // Leaving early (a break, an error) ends the source, as leaving a for await over it would.
    if (pending === undefined) await source.return?.();
    else void pending.then(() => source.return?.(), () => undefined);
  }
}

/**
 * A finite read (a stream, a range of the store) mapped a batch of `max` at a time, waiting for each batch: a
 * command that loads a stream needs all of it anyway, and racing every item against a turn of the event loop, as
 * readyBatches does for a live subscription, cost more than the batching saves. An iterator of its own rather than
 * generators over generators: every command loads its stream through here, most often an empty or short one.
 */
export function mappedInBatches<T>(source: AsyncIterable<T>, max: number, map: (batch: T[]) => Promise<T[]>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const items = source[Symbol.asyncIterator]();
      let mapped: T[] = [];
      let index = 0;
      let ended = false;
      return {
        async next(): Promise<IteratorResult<T>> {
          if (index < mapped.length) return { done: false, value: mapped[index++]! };
          if (ended) return { done: true, value: undefined };
          const batch: T[] = [];
          while (batch.length < max) {
            const item = await items.next();
            if (item.done) {
              ended = true;
              break;
            }
            batch.push(item.value);
          }
          if (batch.length === 0) return { done: true, value: undefined };
          mapped = await map(batch);
          index = 0;
          return index < mapped.length ? { done: false, value: mapped[index++]! } : this.next();
        },
        async return(): Promise<IteratorResult<T>> {
          // Leaving early (a break, an error in the loop) ends the source, as leaving a for await over it would.
          mapped = [];
          if (!ended) {
            ended = true;
            await items.return?.();
          }
          return { done: true, value: undefined };
        },
      };
    },
  };
}
