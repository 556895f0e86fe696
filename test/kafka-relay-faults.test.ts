/**
 * The Kafka relay (libs/messaging/src/relay/kafka-relay.ts) under faults, each against a real broker and a
 * real store. What each test proves:
 *
 * 1. Killed (SIGKILL) while it publishes, on PostgreSQL. A child process (support/relay-child.ts) relays a
 *    history of 3,000 events in 60 streams in batches of 20 and is killed six times: three times at a random
 *    moment (after 1–4 checkpoints plus 0–150 ms), three times exactly between Kafka's acknowledgement of a
 *    batch and the checkpoint of it (the child's checkpoint store reports the acknowledgement and then never
 *    returns: the relay's code is unchanged). More events are appended between restarts. Then a relay
 *    catches up and the topics hold every stored event, each stream in order. It proves that:
 *    - every kill leaves the checkpoint where the last acknowledged-and-saved batch put it: never ahead of
 *      what Kafka acknowledged (nothing lost), never behind what was saved;
 *    - each restart resumes from the checkpoint (the last relay publishes exactly the events after it);
 *    - delivery is at least once and no worse: the batches Kafka acknowledged but the checkpoint missed come
 *      again (repeats >= their size, > 0), and a crash repeats at most one batch (repeats <= kills × batch).
 * 2. The broker away for 10 s while events keep arriving (200/s), on SQLite. The test's own broker
 *    (infra/kafka/kafka.sh in a temporary directory, on ports of its own: the run's shared broker is never
 *    touched) is stopped without purging and started again from the same directory. It proves that the relay
 *    reports the outage (state 'retrying', lastError set), checkpoints nothing while no broker acknowledges,
 *    resumes by itself once the broker is back (back to 'relaying', lastError cleared, caught up), and that
 *    nothing stored before, during or after the outage is missing from the topics.
 * 3. Two relays on PostgreSQL, the active one (a child process) killed -9 between Kafka's acknowledgement and
 *    its checkpoint while a standby relay (in this process) waits on the advisory lock: the standby takes
 *    over once the dead process's connection is gone, resumes exactly from the checkpoint (it publishes the
 *    events after it, no fewer and no more), nothing is lost, and the only repeats are the events of the
 *    batch the dead relay had sent but not checkpointed.
 *
 * Stores: PostgreSQL (the run's database, testDatabaseUrl(), a fresh schema per test) for 1 and 3, where
 * the lease is an advisory lock; SQLite in a temporary directory for 2. Every test has a fresh topic prefix.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  openCheckpointStore,
  openEventStore,
  type CheckpointStore,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ReadAllFrom,
} from '#libs/event-store';
import { KafkaRelay, checkTopics, openRelayLease } from '#libs/messaging';
import { freshTopicPrefix, testKafkaBrokers, quietRelayLog as quiet, TYPES_BY_CONTEXT } from './support/kafka';
import { appendRounds, startAppender } from './support/synthetic-streams';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { eventually } from './support/eventually';
import { SOURCE_ARGS } from './support/run-source';

const ROOT = resolve(__dirname, '..');
const KAFKA_SCRIPT = join(ROOT, 'infra/kafka/kafka.sh');
const CHECKPOINT = 'kafka-relay';
const run = promisify(execFile);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (below: number): number => Math.floor(Math.random() * below);

// ---- events and stores -------------------------------------------------------------------------------------


function eventsFor(stream: number, count: number, offset: number): NewEvent[] {
  const types = TYPES_BY_CONTEXT[stream % TYPES_BY_CONTEXT.length]!;
  return Array.from({ length: count }, (_, index) => ({
    type: types[(index + offset) % types.length]!,
    data: { n: index + offset },
    metadata: { correlationId: `c-${index + offset}`, causationId: null, actor: { userId: 'u-1', role: 'hunter' } },
  }));
}

function postgresUrl(tag: string): string {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('schema', freshSchemaName(tag));
  return url.toString();
}

/** Stored events after `from` (exclusive) up to `to` (inclusive; no bound when absent). */
async function countEvents(store: EventStore, from: ReadAllFrom, to?: GlobalPosition): Promise<number> {
  let count = 0;
  for await (const event of store.readAll()) {
    if (from !== 'start' && comparePositions(event.position, from) <= 0) continue;
    if (to !== undefined && comparePositions(event.position, to) > 0) break;
    count += 1;
  }
  return count;
}

const text = (position: ReadAllFrom): string => (position === 'start' ? 'start' : encodePosition(position));

/**
 * Until the relay's checkpoint is the store's head, asked again at each look (writers have stopped). Not the head
 * taken once: on PostgreSQL the head is the newest event below the cluster's oldest open transaction, which another
 * database's transaction can hold back for a moment (seen with two Jest workers: a head of 120412/1572 taken once,
 * the relay already at the real one, 120417/1576, waited on for a minute).
 */
async function untilPublished(relay: KafkaRelay, store: EventStore, timeoutMs: number): Promise<void> {
  let head = 'start';
  const reached = async (): Promise<boolean> => {
    head = text(await store.headPosition());
    return head === 'start' || relay.status().position === head;
  };
  await eventually(reached, { timeoutMs: timeoutMs, what: () => `the relay to reach ${head} (at ${relay.status().position}, ${relay.status().state}, last error ${relay.status().lastError})`, everyMs: 25 });
}

// ---- the relay in a child process ----------------------------------------------------------------------------

type ChildMessage =
  | { type: 'acked' | 'saved' | 'holding'; n: number; position: string }
  | { type: 'state'; state: string; lastError: string | null };

interface RelayChild {
  readonly messages: ChildMessage[];
  /** The first message (received or to come) that matches; rejects if the child exits or time runs out. */
  waitFor<T extends ChildMessage>(match: (message: ChildMessage) => message is T, what: string, timeoutMs?: number): Promise<T>;
  /** SIGKILL; resolves with how it ended ('SIGKILL' when the kill ended it). */
  kill(): Promise<string>;
}

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

function startRelayChild(url: string, brokers: string[], prefix: string, batchSize: number, holdAt = 0): RelayChild {
  const child = spawn(
    process.execPath,
    [...SOURCE_ARGS, 'test/support/relay-child.ts', url, brokers.join(','), prefix, String(batchSize), String(holdAt)],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  children.add(child);
  const messages: ChildMessage[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  let ended: string | undefined;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('message', (message: ChildMessage) => {
    messages.push(message);
    for (const listener of listeners) listener();
  });
  const exited = new Promise<string>((done) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      ended = signal ?? `exit ${code}: ${stderr}`;
      for (const listener of listeners) listener();
      done(ended);
    }),
  );
  return {
    messages,
    waitFor(match, what, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(new Error(`the relay child: no ${what} within ${timeoutMs} ms (stderr: ${stderr})`)), timeoutMs);
        const check = (): void => {
          const found = messages.find(match);
          if (found) settle(undefined, found);
          else if (ended !== undefined) settle(new Error(`the relay child ended (${ended}) before ${what}`));
        };
        function settle(error: Error | undefined, found?: ChildMessage): void {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(found as never);
        }
        listeners.add(check);
        check();
      });
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

const isCheckpointMessage =
  (type: 'acked' | 'saved' | 'holding', atLeast = 1) =>
  (message: ChildMessage): message is Extract<ChildMessage, { type: typeof type }> =>
    message.type === type && message.n >= atLeast;
const lastOf = (messages: ChildMessage[], type: 'acked' | 'saved'): string | undefined =>
  (messages.filter((message) => message.type === type) as Array<{ position: string }>).at(-1)?.position;

// ---- the test's own broker (test 2) -----------------------------------------------------------------------------

/** A broker of this file's own, started while tests 1 and 3 run; stopped and purged at the end, always. */
const ownBroker = { dir: mkdtempSync(join(tmpdir(), 'sales-ops-kafka-faults-')), port: 0 };
let ownBrokerStarted: Promise<string> | undefined;

function kafkaScript(args: string[]): Promise<{ stdout: string }> {
  return run('bash', [KAFKA_SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAFKA_PORT: String(ownBroker.port), KAFKA_CONTROLLER_PORT: String(ownBroker.port + 1) },
    timeout: 120_000,
  });
}

async function startOwnBroker(): Promise<string> {
  let last: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    ownBroker.port = 35000 + ((2 * (process.pid % 1000) + 2 * 331 * attempt) % 4000);
    try {
      const { stdout } = await kafkaScript(['start', ownBroker.dir]);
      return stdout.trim().split('\n').pop()!;
    } catch (error) {
      last = error;
      // Taken before the start (the script's check) or while it started (another process bound it in between):
      // another pair of ports, in a fresh directory (a broker that failed to bind may have formatted this one).
      if (!/ is taken|Address already in use/.test(String((error as { stderr?: string }).stderr))) break;
      await kafkaScript(['stop', ownBroker.dir, '--purge']).catch(() => undefined);
      rmSync(ownBroker.dir, { recursive: true, force: true });
      ownBroker.dir = mkdtempSync(join(tmpdir(), 'sales-ops-kafka-faults-'));
    }
  }
  throw new Error(`could not start a broker of the test's own: ${String((last as { stderr?: string }).stderr ?? last)}`);
}

beforeAll(() => {
  ownBrokerStarted = startOwnBroker();
  ownBrokerStarted.catch(() => undefined);
});

afterAll(async () => {
  await ownBrokerStarted?.catch(() => undefined);
  await kafkaScript(['stop', ownBroker.dir, '--purge']).catch(() => undefined);
  rmSync(ownBroker.dir, { recursive: true, force: true });
}, 60_000);

// ---- the tests ----------------------------------------------------------------------------------------------

describe('the Kafka relay under faults', () => {
  it('killed -9 while it publishes, at random and between Kafka’s acknowledgement and the checkpoint, loses nothing and repeats at most a batch per kill (PostgreSQL)', async () => {
    const BATCH = 20;
    const url = postgresUrl('relay_kill');
    const prefix = freshTopicPrefix();
    const brokers = testKafkaBrokers();
    const store = await openEventStore(url);
    const checkpoints = await openCheckpointStore(url);
    try {
      let stored = await appendRounds(store, eventsFor, 'h', 60, 50);
      expect(stored).toBe(3000);
      const plan = ['random', 'window', 'random', 'window', 'random', 'window'] as const;
      const kills: Array<{ kind: string; checkpoint: string; acked: string | undefined; unsaved: number; head: string }> = [];
      let saved: ReadAllFrom = 'start';
      for (const [index, kind] of plan.entries()) {
        // The n-th batch of this run is held between its acknowledgement and its checkpoint (window kills).
        const holdAt = kind === 'window' ? 2 + randomInt(4) : 0;
        const relay = startRelayChild(url, brokers, prefix, BATCH, holdAt);
        if (kind === 'window') {
          await relay.waitFor(isCheckpointMessage('holding'), 'batch held before its checkpoint');
        } else {
          await relay.waitFor(isCheckpointMessage('saved', 1 + randomInt(4)), 'checkpoints');
          await sleep(randomInt(150));
        }
        const head = await store.headPosition();
        expect(await relay.kill()).toBe('SIGKILL');

        const checkpoint = await checkpoints.load(CHECKPOINT);
        const acked = lastOf(relay.messages, 'acked');
        const lastSaved = lastOf(relay.messages, 'saved');
        // The kill landed while there was more to publish, after this run moved the checkpoint on.
        expect(checkpoint).not.toBe('start');
        expect(comparePositions(checkpoint as GlobalPosition, head as GlobalPosition)).toBeLessThan(0);
        if (saved !== 'start') expect(comparePositions(checkpoint as GlobalPosition, saved)).toBeGreaterThan(0);
        // Never ahead of what Kafka acknowledged; never behind what the child had saved.
        expect(acked).toBeDefined();
        expect(comparePositions(checkpoint as GlobalPosition, decodePosition(acked!))).toBeLessThanOrEqual(0);
        expect(comparePositions(checkpoint as GlobalPosition, decodePosition(lastSaved!))).toBeGreaterThanOrEqual(0);
        if (kind === 'window') {
          // Held: the checkpoint is exactly the batch before the held one, which Kafka has.
          expect(text(checkpoint)).toBe(lastSaved);
          expect(comparePositions(decodePosition(acked!), checkpoint as GlobalPosition)).toBeGreaterThan(0);
        }
        // Acknowledged by Kafka and not checkpointed (a random kill may land in the window too): sent again.
        const unsaved = comparePositions(decodePosition(acked!), checkpoint as GlobalPosition) > 0 ? await countEvents(store, checkpoint, decodePosition(acked!)) : 0;
        kills.push({ kind: `${kind}${holdAt ? `@${holdAt}` : ''}`, checkpoint: text(checkpoint), acked, unsaved, head: text(head) });
        saved = checkpoint;
        // More history before the next run: existing streams go on, and a few new ones.
        stored += await appendRounds(store, eventsFor, 'h', 60, 3, { perRound: 3 });
        stored += await appendRounds(store, eventsFor, `more${index}`, 10, 2);
      }

      // A relay (in this process) catches up from the last checkpoint.
      const remaining = await countEvents(store, saved);
      const relay = new KafkaRelay(store, checkpoints, openRelayLease(url, CHECKPOINT), { brokers, topicPrefix: prefix, batchSize: BATCH, leaseRetryMs: 100 }, quiet);
      relay.start();
      try {
        await untilPublished(relay, store, 60_000);
        expect(relay.status()).toMatchObject({ state: 'relaying', eventsPublished: remaining, lastError: null });
      } finally {
        await relay.stop();
      }

      const report = await checkTopics(store, { brokers, topicPrefix: prefix });
      const unsaved = kills.reduce((sum, kill) => sum + kill.unsaved, 0);
      const windowUnsaved = kills.filter((kill) => kill.kind.startsWith('window')).reduce((sum, kill) => sum + kill.unsaved, 0);
      console.log(
        `kill -9: ${stored} events, batches of ${BATCH}; kills (kind, checkpoint, last ack seen, acked-not-checkpointed): ` +
          kills.map((kill) => `${kill.kind} ${kill.checkpoint} ${kill.acked} ${kill.unsaved}`).join('; ') +
          `; the last relay published ${remaining}; topics: ${report.messages} messages, ${report.repeats} repeats (${unsaved} acknowledged and not checkpointed when killed)`,
      );
      expect(report).toMatchObject({ ok: true, storedEvents: stored, missingCount: 0, outOfOrder: [], splitStreams: [], malformed: 0 });
      expect(report.messages).toBe(report.storedEvents + report.repeats);
      expect(windowUnsaved).toBeGreaterThan(0);
      expect(report.repeats).toBeGreaterThanOrEqual(unsaved);
      expect(report.repeats).toBeLessThanOrEqual(plan.length * BATCH);
    } finally {
      await checkpoints.close();
      await store.close();
    }
  }, 120_000);

  it('two relays on PostgreSQL: the active one killed -9 between acknowledgement and checkpoint, the standby takes over from the checkpoint and nothing is lost', async () => {
    const BATCH = 20;
    const url = postgresUrl('relay_takeover');
    const prefix = freshTopicPrefix();
    const brokers = testKafkaBrokers();
    const store = await openEventStore(url);
    const checkpoints = await openCheckpointStore(url);
    const standby = new KafkaRelay(store, checkpoints, openRelayLease(url, CHECKPOINT), { brokers, topicPrefix: prefix, batchSize: BATCH, leaseRetryMs: 100 }, quiet);
    let appender: { stop(): Promise<number> } | undefined;
    try {
      let stored = await appendRounds(store, eventsFor, 'h', 30, 40);
      const holdAt = 8 + randomInt(10);
      const active = startRelayChild(url, brokers, prefix, BATCH, holdAt);
      await active.waitFor((message): message is ChildMessage => message.type === 'state' && message.state === 'relaying', 'the relaying state');
      standby.start();
      appender = startAppender(store, eventsFor, 'live', 12, 4, 20);
      const held = await active.waitFor(isCheckpointMessage('holding'), 'batch held before its checkpoint');
      // While the active process holds the lease (and hangs after an acknowledgement), the standby waits.
      await sleep(300);
      expect(standby.status()).toMatchObject({ state: 'standby', eventsPublished: 0, position: null });

      expect(await active.kill()).toBe('SIGKILL');
      const killedAt = Date.now();
      const checkpoint = await checkpoints.load(CHECKPOINT);
      expect(text(checkpoint)).toBe(lastOf(active.messages, 'saved'));
      expect(comparePositions(decodePosition(held.position), checkpoint as GlobalPosition)).toBeGreaterThan(0);
      const unsaved = await countEvents(store, checkpoint, decodePosition(held.position));

      await eventually(() => standby.status().eventsPublished > 0, { timeoutMs: 30_000, what: () => `the standby to take over (${JSON.stringify(standby.status())})`, everyMs: 25 });
      const takeoverMs = Date.now() - killedAt;
      await sleep(500);
      stored += await appender.stop();
      appender = undefined;
      await untilPublished(standby, store, 60_000);
      const afterCheckpoint = await countEvents(store, checkpoint);
      expect(standby.status()).toMatchObject({ state: 'relaying', eventsPublished: afterCheckpoint, lastError: null });

      const report = await checkTopics(store, { brokers, topicPrefix: prefix });
      console.log(
        `takeover: the active relay killed holding batch ${held.n} (${unsaved} events acknowledged, not checkpointed, at ${held.position}; checkpoint ${text(checkpoint)}); ` +
          `the standby published within ${takeoverMs} ms of the kill, ${afterCheckpoint} events in all; topics: ${report.messages} messages for ${report.storedEvents} events, ${report.repeats} repeats`,
      );
      expect(report).toMatchObject({ ok: true, storedEvents: stored, missingCount: 0, outOfOrder: [], splitStreams: [], malformed: 0 });
      expect(unsaved).toBeGreaterThan(0);
      expect(report.repeats).toBe(unsaved);
    } finally {
      await appender?.stop().catch(() => undefined);
      await standby.stop();
      await checkpoints.close();
      await store.close();
    }
  }, 90_000);

  it('resumes by itself after its broker was away for 10 s while events kept arriving, and loses nothing (SQLite)', async () => {
    const brokers = [await ownBrokerStarted!];
    const dir = mkdtempSync(join(tmpdir(), 'sales-ops-relay-outage-'));
    const url = `sqlite:${join(dir, 'events.db')}`;
    const store = await openEventStore(url);
    const checkpoints: CheckpointStore = await openCheckpointStore(url);
    const prefix = freshTopicPrefix();
    // Times in the log: seconds since the broker was told to stop.
    let t0 = Number.NaN;
    const at = (): string => (Number.isNaN(t0) ? 'before' : `${((Date.now() - t0) / 1000).toFixed(2)}s`);
    const errors: string[] = [];
    const relay = new KafkaRelay(store, checkpoints, openRelayLease(url, CHECKPOINT), { brokers, topicPrefix: prefix, batchSize: 50 }, {
      ...quiet,
      error: (message) => errors.push(`${at()} ${message}`),
    });
    // The relay's states over time, sampled.
    const states: string[] = [];
    const sampler = setInterval(() => {
      const { state } = relay.status();
      if (states.at(-1)?.split(' ')[1] !== state) states.push(`${at()} ${state}`);
    }, 20);
    let appender: { stop(): Promise<number> } | undefined = startAppender(store, eventsFor, 'live', 20, 5, 25); // ~200 events/s
    try {
      relay.start();
      await eventually(() => relay.status().eventsPublished >= 300, { timeoutMs: 30_000, what: () => `300 events published (${JSON.stringify(relay.status())})`, everyMs: 25 });
      expect(relay.status()).toMatchObject({ state: 'relaying', lastError: null });

      t0 = Date.now();
      await kafkaScript(['stop', ownBroker.dir]);
      const stoppedAt = Date.now();
      await sleep(200);
      const frozen = relay.status().position;
      const checkpointAtStop = text(await checkpoints.load(CHECKPOINT));
      await eventually(() => relay.status().state === 'retrying', { timeoutMs: 15_000, what: () => `the retrying state (${JSON.stringify(relay.status())})`, everyMs: 25 });
      await sleep(Math.max(0, 10_000 - (Date.now() - stoppedAt)));
      // Ten seconds without a broker: the relay says so, and has checkpointed nothing since.
      expect(relay.status().lastError).toEqual(expect.any(String));
      // Between attempts and during them: /health says 'retrying' until a relay runs again.
      expect(relay.status().state).toBe('retrying');
      expect(relay.status().position).toBe(frozen);
      expect(text(await checkpoints.load(CHECKPOINT))).toBe(checkpointAtStop);
      const waiting = await countEvents(store, decodePosition(checkpointAtStop));
      expect(waiting).toBeGreaterThan(500); // ~200/s were stored meanwhile (2,000 in 10 s on an idle machine)

      const restartAt = Date.now();
      await kafkaScript(['start', ownBroker.dir]);
      const restartedAt = Date.now();
      await eventually(() => relay.status().position !== frozen, { timeoutMs: 60_000, what: () => `the relay to resume (${JSON.stringify(relay.status())})`, everyMs: 25 });
      const resumedAt = Date.now();
      await sleep(500);
      const written = await appender.stop();
      appender = undefined;
      await untilPublished(relay, store, 30_000);
      expect(relay.status()).toMatchObject({ state: 'relaying', lastError: null });

      const report = await checkTopics(store, { brokers, topicPrefix: prefix });
      console.log(
        `broker outage: ${written} events written at ~200/s; broker stopped in ${stoppedAt - t0} ms, restarted at ${(restartAt - t0) / 1000}s, ` +
          `answering ${restartedAt - restartAt} ms later; the relay's first checkpoint after it ${resumedAt - restartedAt} ms after that, with ${waiting} events waiting at 10 s; ` +
          `states: ${states.join(', ')}; ` +
          `relay errors (${errors.length}): ${errors.join(' | ')}; topics: ${report.messages} messages, ${report.repeats} repeats`,
      );
      expect(report).toMatchObject({ ok: true, storedEvents: written, missingCount: 0, outOfOrder: [], splitStreams: [], malformed: 0 });
      expect(report.messages).toBe(report.storedEvents + report.repeats);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      clearInterval(sampler);
      await appender?.stop().catch(() => undefined);
      await relay.stop();
      await checkpoints.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
