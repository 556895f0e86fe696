/**
 * A subscriber process killed (SIGKILL) at random points while events are being written resumes from
 * its checkpoint each time; in the end it has handled every event exactly once, in global order.
 */
import { eventually } from './support/eventually';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openEventStore, type EventStore } from '#libs/event-store';
import { anEvent, collect } from '../libs/event-store/src/conformance/event-store.conformance';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { SOURCE_ARGS } from './support/run-source';

const MIN_EVENTS = 400;
const ROOT = resolve(__dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'sales-ops-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function startSubscriber(storeUrl: string, stateFile: string, expected: number): { child: ChildProcess; exited: Promise<number | string> } {
  const child = spawn(
    process.execPath,
    [...SOURCE_ARGS, 'test/support/checkpointing-subscriber.ts', storeUrl, stateFile, String(expected)],
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
    // Events keep arriving until the last kill, so every kill lands while the subscriber has work.
    let killing = true;
    let written = 0;
    const writing = (async () => {
      while (killing || written < MIN_EVENTS) {
        await store.append(`crash-${written % 9}`, [0, 1, 2, 3].map((n) => anEvent('E', { i: written + n })), {
          expectedRevision: 'any',
        });
        written += 4;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const progress: number[] = [];
    for (let crash = 0; crash < 5; crash++) {
      const { child, exited } = startSubscriber(storeUrl, stateFile, Number.MAX_SAFE_INTEGER);
      // Kill it once it has handled something since the last kill, at a random moment after that.
      let gone: unknown;
      void exited.then((signal) => (gone = signal));
      await eventually(
        () => {
          if (gone !== undefined) throw new Error(`the subscriber exited on its own: ${String(gone)}`);
          return handledCount(stateFile) > (progress.at(-1) ?? 0);
        },
        { what: 'the subscriber to handle something since the last kill', timeoutMs: 30_000, everyMs: 10 },
      );
      await new Promise((r) => setTimeout(r, Math.random() * 100));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      progress.push(handledCount(stateFile));
    }
    killing = false;
    await writing;
    expect(progress.every((count, i) => count > (progress[i - 1] ?? 0))).toBe(true);

    const last = startSubscriber(storeUrl, stateFile, written);
    expect(await last.exited).toBe(0);
    const state = new Database(stateFile, { readonly: true });
    const handled = (state.prepare('SELECT event_id FROM handled ORDER BY seq').all() as Array<{ event_id: string }>).map((r) => r.event_id);
    state.close();
    const stored = (await collect(store.readAll())).map((event) => event.eventId);
    expect(stored).toHaveLength(written);
    expect(handled).toEqual(stored);
    console.log(`${written} events; handled when each of 5 kills landed: ${progress.join(', ')}`);
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
  }, 90_000);

  it('resumes on PostgreSQL without losing or repeating an event', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('schema', freshSchemaName('crash'));
    await crashAndResume(url.toString());
  }, 90_000);
});
