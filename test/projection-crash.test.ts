/**
 * The projecting process killed (SIGKILL) at random moments while it catches up on a long history: each
 * restart resumes the build from its last committed batch, and in the end every read model equals a
 * fresh rebuild: nothing lost, nothing counted twice. Once with everything on the main thread, once as
 * `replay` runs (the store read on a catch-up thread, SQLite commits on a writer thread).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECTIONS, openReadModelStore } from '#libs/projections';
import { expectPersistedEqualRebuilt, openStore, simulatedDays, storeUrl, writeDays, type Kind } from './support/projection-fixtures';
import { SOURCE_ARGS } from './support/run-source';

const ROOT = resolve(__dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'sales-ops-projection-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Mode = 'one thread' | 'threads';

function project(url: string, batchSize: number, mode: Mode) {
  const args = [...SOURCE_ARGS, 'test/support/projecting-child.ts', url, String(batchSize)];
  const child = spawn(process.execPath, mode === 'threads' ? [...args, 'threads'] : args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((done) => child.on('exit', (code, signal) => done(signal ?? (code === 0 ? 'done' : `exit ${code}: ${stderr}`))));
  return { child, exited };
}

async function progressOf(url: string): Promise<number> {
  const readModels = await openReadModelStore(url);
  try {
    return (await readModels.builds()).reduce((sum, build) => sum + build.eventsApplied, 0);
  } finally {
    await readModels.close();
  }
}

describe.each<[Kind, Mode]>([
  ['sqlite', 'one thread'],
  ['sqlite', 'threads'],
  ['postgres', 'one thread'],
  ['postgres', 'threads'],
])('projections killed during catch-up on %s (%s)', (kind, mode) => {
  it('resume from their checkpoints and end equal to a rebuild', async () => {
    const url = storeUrl(kind, folder, `crash_${kind}_${mode === 'threads' ? 'threads' : 'one'}`);
    const store = await openStore(url);
    try {
      const events = await writeDays(store, simulatedDays(3, 150, 25));
      const progress: number[] = [];
      let finished = false;
      for (let kill = 0; kill < 6 && !finished; kill++) {
        const { child, exited } = project(url, 250, mode);
        // Let it get going (boot takes a while), then kill it at a random moment.
        const startedAt = await progressOf(url);
        const deadline = Date.now() + 30_000;
        while ((await progressOf(url)) === startedAt && Date.now() < deadline) {
          const outcome = await Promise.race([exited, new Promise((r) => setTimeout(r, 25, 'running'))]);
          if (outcome === 'done') break;
          if (outcome !== 'running') throw new Error(`the projecting process failed: ${String(outcome)}`);
        }
        await new Promise((r) => setTimeout(r, Math.random() * 150));
        child.kill('SIGKILL');
        const outcome = await exited;
        if (outcome === 'done') finished = true;
        else expect(outcome).toBe('SIGKILL');
        progress.push(await progressOf(url));
      }
      // Every kill but a last one that found nothing left to do landed after more was committed.
      expect(progress.slice(0, finished ? -1 : undefined).every((count, i) => count > (progress[i - 1] ?? 0))).toBe(true);
      const last = project(url, 250, mode);
      expect(await last.exited).toBe('done');
      const readModels = await openReadModelStore(url);
      try {
        await expectPersistedEqualRebuilt(store, readModels, PROJECTIONS);
      } finally {
        await readModels.close();
      }
      console.log(`${kind} (${mode}): ${events} events; events applied when each kill landed: ${progress.join(', ')}`);
    } finally {
      await store.close();
    }
  }, 120_000);
});
