import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaName, testDatabaseUrl } from '../../../../test/support/postgres';
import { InvalidEventStoreInputError } from '../event-store.errors';
import type { CheckpointStore } from './checkpoint-store.port';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-checkpoints-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each([
  ['SQLite', () => Promise.resolve(new SqliteCheckpointStore(join(folder, `${Math.random()}.db`)))],
  ['PostgreSQL', () => PostgresCheckpointStore.open(testDatabaseUrl(), freshSchemaName('cp'))],
] as Array<[string, () => Promise<CheckpointStore>]>)('%s checkpoint store', (_, open) => {
  let store: CheckpointStore;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(() => store.close());

  it('starts at the start, keeps what is saved, never moves back, and forgets on reset', async () => {
    expect(await store.load('deal-closing.open-deal')).toBe('start');
    await store.save('deal-closing.open-deal', { commit: 900, prepare: 12 });
    await store.save('other', { commit: 5, prepare: 5 });
    expect(await store.load('deal-closing.open-deal')).toEqual({ commit: 900, prepare: 12 });
    await store.save('deal-closing.open-deal', { commit: 900, prepare: 11 });
    await store.save('deal-closing.open-deal', { commit: 899, prepare: 40 });
    expect(await store.load('deal-closing.open-deal')).toEqual({ commit: 900, prepare: 12 });
    await store.save('deal-closing.open-deal', { commit: 901, prepare: 2 });
    expect(await store.load('deal-closing.open-deal')).toEqual({ commit: 901, prepare: 2 });
    await store.reset('deal-closing.open-deal');
    expect(await store.load('deal-closing.open-deal')).toBe('start');
    expect(await store.load('other')).toEqual({ commit: 5, prepare: 5 });
  });

  it('refuses a bad name', async () => {
    await expect(store.load('Bad Name')).rejects.toBeInstanceOf(InvalidEventStoreInputError);
  });
});
