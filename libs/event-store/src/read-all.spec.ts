import type { EventColumns } from './event-columns';
import type { ReadAllFrom } from './event-store.port';
import type { PageQuery, RowPageReader } from './page-reader';
import { readAllInPages } from './read-all';
import { checkReadAllOptions } from './read-options';
import type { RawPage } from './threaded-page-reader';

function row(position: number): EventColumns {
  return [position, `event-${position}`, 'lead-1', position - 1, 'Unversioned', 1, '{}', '{}', 0, 0];
}

/** Six events in pages of two; what was asked for and taken, in order. */
function reader(readsAhead: boolean | undefined, log: string[]): RowPageReader {
  const rows = [1, 2, 3, 4, 5, 6].map(row);
  return {
    ...(readsAhead === undefined ? {} : { readsAhead }),
    async readRows(query: PageQuery): Promise<RawPage> {
      const after = query.after === 'start' ? 0 : query.after.prepare;
      log.push(`page after ${after}`);
      return { rows: rows.filter((each) => each[0] > after).slice(0, query.limit), heldBack: false };
    },
    readPage: () => Promise.reject(new Error('readAll reads rows')),
    readCutoff: async () => undefined,
    headPosition: async (): Promise<ReadAllFrom> => ({ commit: 6, prepare: 6 }),
  };
}

async function takeAll(readsAhead: boolean | undefined): Promise<string[]> {
  const log: string[] = [];
  for await (const event of readAllInPages(reader(readsAhead, log), checkReadAllOptions({ batchSize: 2 }))) log.push(`took ${event.position.prepare}`);
  return log;
}

describe('readAll in pages', () => {
  it('asks for the next page while the caller works through the current one, by default', async () => {
    expect(await takeAll(undefined)).toEqual([
      'page after 0',
      'page after 2',
      'took 1',
      'took 2',
      'page after 4',
      'took 3',
      'took 4',
      'page after 6',
      'took 5',
      'took 6',
    ]);
  });

  it('asks a reader that reads synchronously for the next page only once the current one is taken, and misses nothing', async () => {
    expect(await takeAll(false)).toEqual([
      'page after 0',
      'took 1',
      'took 2',
      'page after 2',
      'took 3',
      'took 4',
      'page after 4',
      'took 5',
      'took 6',
      'page after 6',
    ]);
  });
});
