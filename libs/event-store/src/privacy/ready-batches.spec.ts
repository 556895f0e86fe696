import { mappedInBatches } from './ready-batches';

async function* numbers(count: number, log: string[]): AsyncGenerator<number> {
  try {
    for (let n = 0; n < count; n++) yield n;
  } finally {
    log.push('source ended');
  }
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('mappedInBatches', () => {
  it('maps every item once, in order, a batch of at most `max` at a time', async () => {
    const batches: number[][] = [];
    const log: string[] = [];
    const mapped = mappedInBatches(numbers(7, log), 3, async (batch) => {
      batches.push([...batch]);
      return batch.map((n) => n * 10);
    });
    expect(await all(mapped)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(log).toEqual(['source ended']);
  });

  it('ends at once on an empty source, without calling the map', async () => {
    const map = jest.fn(async (batch: number[]) => batch);
    expect(await all(mappedInBatches(numbers(0, []), 3, map))).toEqual([]);
    expect(map).not.toHaveBeenCalled();
  });

  it('ends the source when the reader leaves early', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const n of mappedInBatches(numbers(100, log), 4, async (batch) => batch)) {
      seen.push(n);
      if (n === 5) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log).toEqual(['source ended']);
  });

  it('passes on an error of the source or of the map', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('read failed');
    }
    await expect(all(mappedInBatches(failing(), 4, async (batch) => batch))).rejects.toThrow('read failed');
    await expect(all(mappedInBatches(numbers(3, []), 4, async () => Promise.reject(new Error('no key'))))).rejects.toThrow('no key');
  });
});
