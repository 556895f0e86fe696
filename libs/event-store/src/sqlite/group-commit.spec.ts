/** GroupCommit on a real SQLite file: appends of one turn in one transaction, each in its own savepoint. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommit } from './group-commit';
import { SqliteEventStore } from './sqlite-event-store';
import { WrongExpectedRevisionError } from '../event-store.errors';

describe('GroupCommit', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-group-commit-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function setUp(failCommit = false) {
    const db = new Database(join(folder, `${Math.random()}.db`));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)');
    let commits = 0;
    const group = new GroupCommit(db, (work) => {
      commits += 1;
      db.transaction(() => {
        work();
        if (failCommit) throw new Error('the disk is full');
      }).immediate();
    });
    const insert = (value: string) => () => db.prepare('INSERT INTO t (value) VALUES (?)').run(value).lastInsertRowid;
    const values = () => (db.prepare('SELECT value FROM t ORDER BY id').all() as Array<{ value: string }>).map((row) => row.value);
    return { db, group, insert, values, commits: () => commits };
  }

  it('commits what comes in one turn together; a write that fails is rolled back and answered alone', async () => {
    const { db, group, insert, values, commits } = setUp();
    const asked = ['a', 'b', 'a', 'c'].map((value) => group.run(insert(value)));
    const settled = await Promise.allSettled(asked);
    expect(settled.map((each) => each.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(values()).toEqual(['a', 'b', 'c']);
    expect(commits()).toBe(1);
    // The next turn's writes are the next group.
    await group.run(insert('d'));
    expect(commits()).toBe(2);
    db.close();
  });

  it('rejects every write of a group that cannot commit, and keeps none of them', async () => {
    const { db, group, insert, values } = setUp(true);
    const settled = await Promise.allSettled(['x', 'y'].map((value) => group.run(insert(value))));
    expect(settled.map((each) => (each as PromiseRejectedResult).reason?.message)).toEqual(['the disk is full', 'the disk is full']);
    expect(values()).toEqual([]);
    db.close();
  });

  it('writes what is queued when asked to flush (as before the connection closes)', async () => {
    const { db, group, insert, values } = setUp();
    const pending = group.run(insert('late'));
    group.flush();
    expect(values()).toEqual(['late']);
    await expect(pending).resolves.toBe(1);
    db.close();
  });

  it('lets the store answer each of many concurrent appends as alone: conflicts refused, the rest written in order', async () => {
    const store = await SqliteEventStore.open({ path: join(folder, 'store.db') });
    try {
      const event = (n: number) => ({ type: 'Counted', data: { n }, metadata: { correlationId: `c-${n}`, causationId: null, actor: { userId: 'u-1', role: 'head-of-sales' as const } } });
      const settled = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, n) => store.append(`counter-${n}`, [event(n)], { expectedRevision: 'no-stream' })),
        store.append('counter-0', [event(99)], { expectedRevision: 'no-stream' }),
        store.append('counter-1', [event(98)], { expectedRevision: 0 }),
      ]);
      expect(settled.slice(0, 20).every((each) => each.status === 'fulfilled')).toBe(true);
      expect((settled[20] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      // Appended after counter-1's first event, in the same group: sees it.
      expect(settled[21]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1 } });
      const read: unknown[] = [];
      for await (const stored of store.readStream('counter-0')) read.push(stored.data);
      expect(read).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
  });
});
