/**
 * The analysts' CLI as a user runs it (a child process on a real SQLite store): replay with progress,
 * KPIs as of a past date, export as NDJSON and CSV, and a clear one-line error (exit 2) for each mistake.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PROJECTIONS, kpiFactsProjection, openReadModelStore } from '#libs/projections';
import { defaultReadModelUrl, openCheckpointStore } from '#libs/event-store';
import { KafkaRelay, openRelayLease } from '#libs/messaging';
import { freshTopicPrefix, testKafkaBrokers } from './support/kafka';
import { openStore, persisted, rebuilt, simulatedDays, writeDays } from './support/projection-fixtures';
import { SOURCE_ARGS } from './support/run-source';

const ROOT = resolve(__dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'sales-ops-cli-'));
const url = `sqlite:${join(folder, 'history.db')}`;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

async function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [...SOURCE_ARGS, 'apps/cli/src/main.ts', ...args, '--store', url],
      { cwd: ROOT, env: { ...process.env, EVENT_STORE_URL: '', READ_MODEL_URL: '', KAFKA_BROKERS: '', PRIVACY_MASTER_KEY: '', DATA_DIR: folder, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let events = 0;
beforeAll(async () => {
  const store = await openStore(url);
  events = await writeDays(store, simulatedDays(21, 60, 8));
  await store.close();
}, 60_000);

describe('the sales-ops CLI', () => {
  it('replays every projection with a progress line and leaves read models equal to a rebuild', async () => {
    const result = await cli('replay', 'all');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/work-queues v1: build \d+ is active — [\d,]+ events applied/);
    expect(result.stdout).toMatch(new RegExp(`kpi-facts v${kpiFactsProjection.version}: build \\d+ is active`));
    expect(result.stderr).toMatch(/100%.*events\/s.*ETA/);
    const store = await openStore(url);
    const readModels = await openReadModelStore(defaultReadModelUrl(url));
    try {
      for (const projection of PROJECTIONS) expect((await persisted(readModels, projection)).documents).toEqual((await rebuilt(store, projection)).documents);
    } finally {
      await readModels.close();
      await store.close();
    }
  }, 60_000);

  it('prints the KPIs as of a past date, and all of them as JSON', async () => {
    const text = await cli('kpis', '--as-of', '2025-02-01');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^KPIs as of 2025-02-01T00:00:00.000Z/);
    expect(text.stdout).toMatch(/win rate/);
    const json = await cli('kpis', '--as-of', '2025-02-01', '--from', '2025-01-01', '--group-by', 'role', '--json');
    const report = JSON.parse(json.stdout);
    expect(report.asOf).toBe('2025-02-01T00:00:00.000Z');
    expect(Object.keys(report.funnel)).toEqual(['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won']);
    expect(report.funnel.captured).toBeGreaterThan(0);
    expect(report.groups.map((g: { key: string }) => g.key)).toContain('lead-generator');
  }, 30_000);

  it('exports the history as NDJSON and as CSV', async () => {
    const ndjson = join(folder, 'all.ndjson');
    expect((await cli('export', '--out', ndjson)).stdout).toBe(`wrote ${events.toLocaleString('en')} events to ${ndjson}\n`);
    const lines = readFileSync(ndjson, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(events);
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['eventId', 'type', 'schemaVersion', 'streamId', 'streamRevision', 'globalPosition', 'occurredAt', 'recordedAt', 'data', 'metadata']);
    const csv = join(folder, 'won.csv');
    expect((await cli('export', '--format', 'csv', '--type', 'DealWon,DealLost', '--out', csv)).code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('"eventId","type","schemaVersion","streamId","streamRevision","globalPosition","occurredAt","recordedAt","data","metadata","erasedFields"');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((row) => /^"[0-9a-f-]{36}","Deal(Won|Lost)",/.test(row))).toBe(true);
  }, 30_000);

  const mistakes: ReadonlyArray<[string[], RegExp]> = [
    [['replay', 'leaderboard'], /unknown projection "leaderboard": one of work-queues, kpi-facts, or all/],
    [['replay'], /replay needs a projection/],
    [['kpis'], /kpis needs --as-of/],
    [['kpis', '--as-of', '31.12.2025'], /--as-of must be a date/],
    [['kpis', '--as-of', '2025-02-01', '--group-by', 'team'], /--group-by must be one of rep, role, source, script/],
    [['export', '--format', 'xml'], /--format must be ndjson or csv/],
    [['export', '--from', 'then'], /--from must be a date/],
    [['export', '--out', '/nonexistent-dir/history.ndjson'], /cannot write \/nonexistent-dir\/history.ndjson/],
    [['compact'], /unknown command "compact"/],
    [['kpis', '--as-of', '2025-02-01', '--colour'], /Unknown option '--colour'/],
  ];
  // Each mistake is a CLI process of its own, and each spends a second or so starting: they run in two lanes, one
  // after another in each, beside the cases before them; each case below checks its own answer.
  const refusals = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();
  beforeAll(() => {
    const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
    mistakes.forEach(([args], index) => {
      const run = lanes[index % 2]!.then(() => cli(...args));
      lanes[index % 2] = run;
      refusals.set(JSON.stringify(args), run);
    });
  });

  it.each(mistakes)('refuses %j with one clear line and exit code 2', async (args, message) => {
    const result = await refusals.get(JSON.stringify(args))!;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user's mistake
  }, 30_000);
});

describe('sales-ops kafka-check', () => {
  it('checks the Kafka topics against the store: exit 1 while events are missing, 0 once the relay published them', async () => {
    const prefix = freshTopicPrefix();
    const env = { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix };
    const store = await openStore(url);
    const checkpoints = await openCheckpointStore(url);
    const relay = new KafkaRelay(store, checkpoints, openRelayLease(url, 'kafka-relay'), { brokers: testKafkaBrokers(), topicPrefix: prefix, checkpointName: `relay-${prefix}` }, { log: () => undefined, warn: () => undefined, error: () => undefined });
    try {
      const before = await cliWith(env, 'kafka-check');
      expect(before.code).toBe(1);
      expect(before.stdout).toMatch(new RegExp(`^FAILED: ${events} stored events, 0 messages`));
      expect(before.stdout).toMatch(new RegExp(`missing: ${events} events`));

      relay.start();
      const deadline = Date.now() + 60_000;
      while (relay.status().eventsPublished < events && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await cliWith(env, 'kafka-check', '--json');
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout)).toMatchObject({ ok: true, storedEvents: events, messages: events, missingCount: 0 });
    } finally {
      await relay.stop();
      await checkpoints.close();
      await store.close();
    }
  }, 90_000);

  it('says it needs KAFKA_BROKERS (exit 2)', async () => {
    const result = await cli('kafka-check');
    expect(result).toMatchObject({ code: 2, stderr: 'sales-ops: kafka-check needs KAFKA_BROKERS (the brokers the relay publishes to)\n' });
  });
  it('rotates the personal-data master key: the keys re-wrapped, the file in DATA_DIR replaced, and clear errors', async () => {
    const newKeyFile = join(folder, 'new-master-key');
    const newKey = Buffer.alloc(32, 9).toString('base64');
    writeFileSync(newKeyFile, `${newKey}\n`);
    expect((await cli('export', '--out', join(folder, 'before-rotation.ndjson'))).code).toBe(0); // the store has its keys
    const before = readFileSync(join(folder, 'privacy-master-key'), 'utf8');
    expect(before).not.toBe(newKey);

    const rotated = await cli('rotate-master-key', '--new-key-file', newKeyFile);
    expect(rotated).toMatchObject({ code: 0, stdout: expect.stringMatching(/^re-wrapped \d+ subject keys; .*privacy-master-key now holds the new master key/) });
    expect(readFileSync(join(folder, 'privacy-master-key'), 'utf8')).toBe(newKey);
    // The store opens with the new key (a command that reads it works), and refuses the old one.
    expect((await cli('export', '--out', join(folder, 'after-rotation.ndjson'))).code).toBe(0);
    const old = await cliWith({ PRIVACY_MASTER_KEY: before }, 'export', '--out', join(folder, 'old-key.ndjson'));
    expect(old).toMatchObject({ code: 2, stderr: expect.stringContaining('PRIVACY_MASTER_KEY does not open this store') });

    expect(await cli('rotate-master-key', '--new-key-file', newKeyFile)).toMatchObject({ code: 2, stderr: expect.stringContaining('the new master key is the current one') });
    expect(await cli('rotate-master-key')).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --new-key-file') });
    writeFileSync(join(folder, 'short-key'), 'abc');
    expect(await cli('rotate-master-key', '--new-key-file', join(folder, 'short-key'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--new-key-file must be 32 random bytes') });
  });
});
