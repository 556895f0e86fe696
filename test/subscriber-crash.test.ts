/**
 * A subscriber process killed (SIGKILL) at random points while events are being written resumes from
 * its checkpoint each time; in the end it has handled every event exactly once, in global order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openEventStore, type EventStore } from '#libs/event-store';
import { anEvent, collect } from '../libs/event-store/src/conformance/event-store.conformance';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';

const TOTAL = 400;
const ROOT = resolve(__dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'sales-ops-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function startSubscriber(storeUrl: string, stateFile: string): { child: ChildProcess; exited: Promise<number | string> } {
  const child = spawn(
    process.execPath,
    ['--conditions=sales-ops-source', '-r', '@swc-node/register', 'test/support/checkpointing-subscriber.ts', storeUrl, stateFile, String(TOTAL)],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((done) =>
    child.on('exit', (code, signal) => done(code === null ? String(signal) : code === 0 ? 0 : `exit ${code}: ${stderr}`)),
  );
  return { child, exited };
}

async function crashAndResume(storeUrl: string): Promise<void> {
  const stateFile = join(folder, `${freshSchemaName('state')}.db`);
  const store: EventStore = await openEventStore(storeUrl);
  try {
    const writing = (async () => {
      for (let i = 0; i < TOTAL; i += 4) {
        await store.append(`crash-${i % 9}`, [0, 1, 2, 3].map((n) => anEvent('E', { i: i + n })), { expectedRevision: 'any' });
        // Paced so that writing spans the kills: the subscriber dies while events still arrive.
        await new Promise((r) => setTimeout(r, 30));
      }
    })();
    const progress: number[] = [];
    for (let crash = 0; crash < 5; crash++) {
      const { child, exited } = startSubscriber(storeUrl, stateFile);
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 500));
      child.kill('SIGKILL');
      const outcome = await exited;
      // Killed mid-stream, or already done; never a failure of its own (a redelivery would be one).
      expect([0, 'SIGKILL']).toContain(outcome);
      progress.push(handledCount(stateFile));
    }
    // The kills really landed mid-stream: some events handled before a kill, more after.
    expect(progress.some((count) => count > 0 && count < TOTAL)).toBe(true);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    await writing;
    const last = startSubscriber(storeUrl, stateFile);
    expect(await last.exited).toBe(0);

    const state = new Database(stateFile, { readonly: true });
    const handled = (state.prepare('SELECT event_id FROM handled ORDER BY seq').all() as Array<{ event_id: string }>).map((r) => r.event_id);
    state.close();
    const stored = (await collect(store.readAll())).map((event) => event.eventId);
    expect(stored).toHaveLength(TOTAL);
    expect(handled).toEqual(stored);
    console.log(`handled after each kill: ${progress.join(', ')}`);
  } finally {
    await store.close();
  }
}

function handledCount(stateFile: string): number {
  try {
    const state = new Database(stateFile, { readonly: true });
    const { n } = state.prepare('SELECT count(*) AS n FROM handled').get() as { n: number };
    state.close();
    return n;
  } catch {
    return 0; // killed before it created its state
  }
}

describe('a subscriber process killed at random points', () => {
  it('resumes on SQLite without losing or repeating an event', async () => {
    await crashAndResume(`sqlite:${join(folder, 'store.db')}`);
  }, 60_000);

  it('resumes on PostgreSQL without losing or repeating an event', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('schema', freshSchemaName('crash'));
    await crashAndResume(url.toString());
  }, 60_000);
});
