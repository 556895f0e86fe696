/**
 * Kafka relay benchmark (`npm run bench:kafka`), on SQLite and on PostgreSQL in one run, over a simulated
 * department's history of about 200,000 events (apps/simulator):
 *
 * 1. throughput — a KafkaRelay from the start of the store to the head, into topics of their own, against a
 *                 raw kafkajs producer with the relay's settings (idempotent, maxInFlightRequests 1, acks -1,
 *                 DefaultPartitioner) sending the same messages (toKafkaMessage, read and converted before
 *                 the clock starts) in the same batches, grouped by topic as the relay groups them. Every
 *                 run of either side is checked with checkTopics (every stored event there, streams in order).
 * 2. lag        — a relay running live on the store while events are appended at a steady 1,000/s: the time
 *                 from an event's recordedAt until a kafkajs consumer's handler gets it, against the time
 *                 until a plain subscription of the store (from 'end') delivers it.
 *
 * Kafka: KAFKA_BROKERS if set, else a broker of its own from infra/kafka/kafka.sh in a temp dir, stopped at
 * the end (also on Ctrl-C). Progress goes to stderr, the table to stdout and bench/results/kafka.json. It
 * reports and never fails on a slow figure; it exits non-zero only on a real error (PostgreSQL or Kafka
 * unreachable, an event lost or out of order). See bench/README.md.
 */
import { execFile, execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, type Admin, type Producer, type TopicMessages } from 'kafkajs';
import pg from 'pg';
import { checkEventData } from '#libs/contracts';
import {
  comparePositions,
  encodePosition,
  openCheckpointStore,
  openEventStore,
  type CheckpointStore,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type StoredEvent,
  type Subscription,
} from '#libs/event-store';
import {
  CE_HEADERS,
  DEFAULT_MAX_BATCH_BYTES,
  KafkaRelay,
  ProducerThreads,
  RELAY_PRODUCER_SETTINGS,
  RELAY_SEND_SETTINGS,
  allTopics,
  checkTopics,
  messageBytes,
  openRelayLease,
  toKafkaMessage,
  topicOf,
  type RelayLog,
} from '#libs/messaging';
// Static, unlike bench:projections' import('….js'): that form does not resolve when run from source.
import { DepartmentSimulation } from '../apps/simulator/src/department-simulation';
import { createBenchDatabase } from './bench-database';
import { benchScale, sendSimulatedDays, simulatedHistory, simulationOptions, writeSimulatedHistory, type HistoryReport } from './simulated-history';
import { alternate, formatRate, formatTable, lineFrom, median, repoRoot, writeResults, type BenchLine } from './bench-report';
import { benchProcess, ms, percentile, round3, secondsSince, sleep, describeError } from './bench-process';

// ---------------------------------------------------------------------------------------------- configuration

/** Multiplies the history's length and the lag load's duration (BENCH_SCALE). */
const SCALE = benchScale();

/** The simulated history: 15 months × 45 leads a day, seed 42 (about 200,000 events; see bench:projections). */
const HISTORY = simulatedHistory(15 * SCALE);
/** Events per send on both sides: the relay's batchSize (its default, 1000, unless BENCH_KAFKA_BATCH says otherwise). */
const BATCH = Number(process.env.BENCH_KAFKA_BATCH ?? '1000');
if (!Number.isInteger(BATCH) || BATCH < 1) throw new Error(`BENCH_KAFKA_BATCH must be a positive integer, got ${process.env.BENCH_KAFKA_BATCH}`);
/** Which stores, in order (BENCH_KAFKA_STORES, e.g. `postgres` for a run on one). */
const STORES = (process.env.BENCH_KAFKA_STORES ?? 'sqlite,postgres').split(',').map((kind) => kind.trim()) as StoreKind[];
if (STORES.length === 0 || STORES.some((kind) => kind !== 'sqlite' && kind !== 'postgres')) {
  throw new Error(`BENCH_KAFKA_STORES must list sqlite and/or postgres, got ${process.env.BENCH_KAFKA_STORES}`);
}
/** Which benchmarks (BENCH_KAFKA_PARTS, e.g. `lag` to skip the throughput rounds while looking into the lag). */
const PARTS = (process.env.BENCH_KAFKA_PARTS ?? 'throughput,lag').split(',').map((part) => part.trim());
if (PARTS.length === 0 || PARTS.some((part) => part !== 'throughput' && part !== 'lag')) {
  throw new Error(`BENCH_KAFKA_PARTS must list throughput and/or lag, got ${process.env.BENCH_KAFKA_PARTS}`);
}
/** Partitions per topic: the relay's default, for its topics and the raw producer's alike. */
const PARTITIONS = 3;
/** The relay's producer threads (BENCH_KAFKA_THREADS; the relay's default, 2, unless it says otherwise). */
const THREADS = Number(process.env.BENCH_KAFKA_THREADS ?? '2');
if (!Number.isInteger(THREADS) || THREADS < 1) throw new Error(`BENCH_KAFKA_THREADS must be a positive integer, got ${process.env.BENCH_KAFKA_THREADS}`);
/** Measured rounds per side of the throughput benchmark, after a short warm-up of each. */
const ROUNDS = 2;
/** Share of the history each side sends once, unmeasured, before the rounds. */
const WARM_UP_SHARE = 0.1;
const THROUGHPUT_RATIO_GOAL = 0.5;
const THROUGHPUT_GOAL_PER_S = 20_000;
/** The lag load: open loop, event n due at n / eventsPerSecond s, at most maxInFlight appends unanswered. */
const LAG = { eventsPerSecond: 1000, seconds: Math.max(5, Math.round(20 * SCALE)), maxInFlight: 64, appenderPoolSize: 16 };
const LAG_WINDOW_S = 5;
const LAG_GOAL_P99_MS = 250;
/** The lag consumer's fetch wait when the broker has nothing new (kafkajs' default is 5000). */
const CONSUMER_MAX_WAIT_MS = 20;
/** The Kafka client settings of KafkaRelay (kafka-relay.ts), for the raw producer. */
const RELAY_CLIENT = { logLevel: logLevel.NOTHING, retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 } };
/** A relay that publishes nothing for this long is stuck (a real error), not slow. */
const RELAY_STALL_MS = 120_000;
const PG_SCHEMA = 'bench_es';
/** Leads of the lag load are numbered from here, apart from the simulation's lead-1, lead-2, … */
const FIRST_LOAD_LEAD = 10_000_000;

// ---------------------------------------------------------------------------------------------- helpers

const bench = benchProcess('kafka', __filename, { '--simulate': 'simulation', '--append': 'appender', '--consume': 'consumer' });
const { role, startedAt, log } = bench;


const relayLog: RelayLog = {
  log: () => undefined,
  warn: (message) => log(`relay warn: ${message}`),
  error: (message) => log(`relay error: ${message}`),
};

const seconds = (value: number): string => `${value.toFixed(2)} s`;
/** Wall-clock time in ms with sub-ms precision, comparable with recordedAt. */
const now = (): number => performance.timeOrigin + performance.now();

/** Polls `done` every `everyMs` until it holds; throws `what` after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number, what: () => string, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(what());
    await sleep(everyMs);
  }
}

type StoreKind = 'sqlite' | 'postgres';

interface Target {
  readonly kind: StoreKind;
  /** EVENT_STORE_URL of the store. */
  readonly url: string;
}

// ---------------------------------------------------------------------------------------------- the broker

interface Broker {
  readonly brokers: string[];
  readonly source: string;
  /** The broker's JVM when this run started it: its CPU time is reported. */
  readonly pid: number | undefined;
}

const KAFKA_SCRIPT = join(repoRoot(), 'infra', 'kafka', 'kafka.sh');

/** A free TCP port on 127.0.0.1 (asked of the OS; another process could take it before the broker does). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * KAFKA_BROKERS when set (nothing started or stopped), else a broker of its own started by kafka.sh in
 * `dir` on KAFKA_PORT / KAFKA_CONTROLLER_PORT when set, else on free ports. The caller stops it with
 * stopOwnBroker(dir), whether or not the start succeeded.
 */
async function startBroker(dir: string, children: Set<ChildProcess>): Promise<Broker> {
  const fromEnv = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (fromEnv.length > 0) return { brokers: fromEnv, source: `KAFKA_BROKERS (${fromEnv.join(', ')})`, pid: undefined };
  const port = process.env.KAFKA_PORT ?? String(await freePort());
  let controllerPort = process.env.KAFKA_CONTROLLER_PORT ?? String(await freePort());
  while (controllerPort === port) controllerPort = String(await freePort());
  log(`starting a Kafka broker with infra/kafka/kafka.sh in ${dir} (ports ${port}, controller ${controllerPort})…`);
  const stdout = await new Promise<string>((resolve, reject) => {
    const script = execFile(
      'bash',
      [KAFKA_SCRIPT, 'start', dir],
      {
        encoding: 'utf8',
        env: { ...process.env, KAFKA_PORT: port, KAFKA_CONTROLLER_PORT: controllerPort },
        // The script gives up by itself after 60 s; the first time, Maven also fetches the jars.
        timeout: 10 * 60_000,
      },
      (error, out, err) => {
        children.delete(script);
        if (error) reject(new Error(`infra/kafka/kafka.sh start failed: ${err.trim().split('\n').slice(-5).join(' | ') || error.message}`));
        else resolve(out);
      },
    );
    // Killed on Ctrl-C with the other children, before the broker is stopped.
    children.add(script);
  });
  const address = stdout.trim().split('\n').pop() ?? '';
  const pid = Number(readFileSync(join(dir, 'kafka.pid'), 'utf8').trim());
  return { brokers: [address], source: `a broker of its own (infra/kafka/kafka.sh, pid ${pid}) at ${address}`, pid: Number.isInteger(pid) ? pid : undefined };
}

/** Stops the broker started from `dir` and removes the dir (synchronous: also used on Ctrl-C). */
function stopOwnBroker(dir: string): void {
  try {
    execFileSync('bash', [KAFKA_SCRIPT, 'stop', dir, '--purge'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
  } catch (error) {
    log(`could not stop the broker of ${dir}: ${(error as Error).message}`);
  }
}

let clockTicks: number | undefined;

/** CPU seconds (user + system) the process `pid` has used so far, from /proc; undefined if unknown. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/** Node's and the broker's CPU over a timed run, as a share of one core. */
class CpuMeter {
  private readonly node = process.cpuUsage();
  private readonly broker: number | undefined;
  private readonly began = process.hrtime.bigint();

  constructor(private readonly brokerPid: number | undefined) {
    this.broker = processCpuSeconds(brokerPid);
  }

  /** e.g. "node 98% of a core, broker 41%". */
  read(): string {
    const wall = secondsSince(this.began);
    const used = process.cpuUsage(this.node);
    const node = (used.user + used.system) / 1e6 / wall;
    const brokerNow = processCpuSeconds(this.brokerPid);
    const broker = brokerNow !== undefined && this.broker !== undefined ? (brokerNow - this.broker) / wall : undefined;
    return `node ${Math.round(node * 100)}% of a core${broker === undefined ? '' : `, broker ${Math.round(broker * 100)}%`}`;
  }
}

/** Creates and deletes the run's topics (fresh prefixes); whatever is left is deleted at the end. */
class TopicSets {
  private readonly live = new Set<string>();

  constructor(
    private readonly admin: Admin,
    private readonly runPrefix: string,
  ) {}

  /** A fresh prefix for `name`, its topics created as the relay creates them (PARTITIONS each, one replica). */
  async create(name: string): Promise<string> {
    const prefix = `${this.runPrefix}${name}.`;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: allTopics(prefix).map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
    });
    this.live.add(prefix);
    return prefix;
  }

  async delete(prefix: string): Promise<void> {
    this.live.delete(prefix);
    await this.admin.deleteTopics({ topics: allTopics(prefix) }).catch((error: Error) => log(`could not delete the topics ${prefix}*: ${error.message}`));
  }

  async deleteAll(): Promise<void> {
    for (const prefix of [...this.live]) await this.delete(prefix);
  }
}

// ---------------------------------------------------------------------------------------------- 1. the history

/** The simulation child (as in bench:projections): DepartmentSimulation, one message per simulated day. */
async function simulate(): Promise<void> {
  await sendSimulatedDays(
    new DepartmentSimulation(simulationOptions(HISTORY)),
  );
}

/** Writes the simulated history into every store, one appendMany per simulated day, as `npm run simulate` does. */
function writeHistory(targets: readonly Target[], children: Set<ChildProcess>): Promise<HistoryReport> {
  return writeSimulatedHistory(
    __filename,
    targets.map((target) => target.url),
    children,
    (report) => log(`history: ${report.days} days, ${formatRate(report.events)} events, ${formatRate(report.events / report.seconds)} events/s`),
    90,
  );
}

async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _ of store.readAll({ batchSize: 5000 })) count += 1;
  return count;
}

// ---------------------------------------------------------------------------------------------- 2. throughput

/** The whole store as the relay would send it: batches of BATCH events, each grouped by topic (prefix-less). */
interface Prepared {
  readonly events: number;
  readonly batches: TopicMessages[][];
  /** The store's read rate (readAll, batch BATCH, every event into memory) and the conversion's, events/s. */
  readonly readPerSecond: number;
  readonly convertPerSecond: number;
  /** Key, value and headers of a message, on average. */
  readonly messageBytes: number;
}

/** Reads every event (not timed as part of the baseline) and converts each batch exactly as KafkaRelay.publish does. */
async function prepare(store: EventStore): Promise<Prepared> {
  let began = process.hrtime.bigint();
  const events: StoredEvent[] = [];
  for await (const event of store.readAll({ batchSize: BATCH })) events.push(event);
  const readPerSecond = events.length / secondsSince(began);
  began = process.hrtime.bigint();
  const batches: TopicMessages[][] = [];
  // Cut as the relay cuts: at BATCH events or DEFAULT_MAX_BATCH_BYTES, whichever comes first.
  let byTopic = new Map<string, TopicMessages['messages']>();
  let count = 0;
  let size = 0;
  let last: StoredEvent | undefined;
  const close = (): void => {
    if (count > 0) {
      // Every message carries its send's mark, as the relay's do.
      const mark = `${encodePosition(last!.position)};${count}`;
      for (const messages of byTopic.values()) for (const message of messages) message.headers![CE_HEADERS.relaybatch] = mark;
      batches.push([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    }
    byTopic = new Map();
    count = 0;
    size = 0;
  };
  for (const event of events) {
    const topic = topicOf(event.type);
    const message = toKafkaMessage(event);
    let messages = byTopic.get(topic);
    if (!messages) byTopic.set(topic, (messages = []));
    messages.push(message);
    last = event;
    count += 1;
    size += messageBytes(message);
    if (count >= BATCH || size >= DEFAULT_MAX_BATCH_BYTES) close();
  }
  close();
  const convertPerSecond = events.length / secondsSince(began);
  let bytes = 0;
  for (const batch of batches) {
    for (const { messages } of batch) {
      for (const message of messages) {
        bytes += Buffer.byteLength(message.key as string) + Buffer.byteLength(message.value as string);
        for (const [name, value] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(value as string);
      }
    }
  }
  return { events: events.length, batches, readPerSecond, convertPerSecond, messageBytes: bytes / Math.max(1, events.length) };
}

/** The batches with the topics of `prefix` (made before the clock starts). */
function withPrefix(batches: readonly TopicMessages[][], prefix: string, count = batches.length): TopicMessages[][] {
  return batches.slice(0, count).map((batch) => batch.map(({ topic, messages }) => ({ topic: prefix + topic, messages })));
}

/** A producer set up exactly as KafkaRelay sets up its own. */
function rawProducer(brokers: readonly string[]): Producer {
  return new Kafka({ clientId: 'sales-ops-bench-raw', brokers: [...brokers], ...RELAY_CLIENT }).producer(RELAY_PRODUCER_SETTINGS);
}

/** Sends the batches one at a time, each awaited, as the relay does; returns the seconds it took (connect excluded). */
async function sendRaw(brokers: readonly string[], batches: readonly TopicMessages[][]): Promise<number> {
  const producer = rawProducer(brokers);
  await producer.connect();
  try {
    const began = process.hrtime.bigint();
    for (const topicMessages of batches) await producer.sendBatch({ ...RELAY_SEND_SETTINGS, topicMessages });
    return secondsSince(began);
  } finally {
    await producer.disconnect();
  }
}

interface RelayRun {
  readonly seconds: number;
  readonly eventsPublished: number;
  readonly batchesPublished: number;
}

/**
 * A KafkaRelay from the start of the store (a fresh checkpoint name) into the topics of `prefix`, timed from
 * start() until its checkpoint is the store's head; stopped early once `stopAfter` events are published.
 */
async function runRelay(
  target: Target,
  store: EventStore,
  checkpoints: CheckpointStore,
  brokers: readonly string[],
  prefix: string,
  checkpointName: string,
  head: string,
  stopAfter?: number,
): Promise<RelayRun> {
  const relay = new KafkaRelay(
    store,
    checkpoints,
    openRelayLease(target.url, checkpointName),
    { brokers, checkpointName, topicPrefix: prefix, batchSize: BATCH, partitions: PARTITIONS, producerThreads: THREADS },
    relayLog,
  );
  let lastError: string | null = null;
  let published = 0;
  let progressAt = Date.now();
  const began = process.hrtime.bigint();
  relay.start();
  try {
    await until(
      () => {
        const status = relay.status();
        if (status.lastError !== lastError && status.lastError !== null) log(`${target.kind}: the relay reports "${status.lastError}"; it retries from its checkpoint`);
        lastError = status.lastError;
        if (status.eventsPublished !== published) {
          published = status.eventsPublished;
          progressAt = Date.now();
        } else if (Date.now() - progressAt > RELAY_STALL_MS) {
          // E.g. a batch larger than the broker takes (MESSAGE_TOO_LARGE): the relay would retry it for ever.
          throw new Error(`${target.kind}: the relay published nothing for ${RELAY_STALL_MS / 1000} s (at ${status.position}; last error ${status.lastError})`);
        }
        return status.position === head || (stopAfter !== undefined && status.eventsPublished >= stopAfter);
      },
      30 * 60_000,
      () => `${target.kind}: the relay did not reach the head ${head} in 30 minutes (at ${relay.status().position}; last error ${relay.status().lastError})`,
    );
    const took = secondsSince(began);
    const { eventsPublished, batchesPublished } = relay.status();
    return { seconds: took, eventsPublished, batchesPublished };
  } finally {
    await relay.stop();
  }
}

/** checkTopics over the topics of `prefix`: every stored event there, each stream in order. A failure is a real error. */
async function verify(kind: StoreKind, store: EventStore, brokers: readonly string[], prefix: string, total: number, side: string): Promise<void> {
  const began = process.hrtime.bigint();
  const report = await checkTopics(store, { brokers, topicPrefix: prefix, timeoutMs: 10 * 60_000 });
  if (!report.ok || report.storedEvents !== total || report.messages < total) {
    throw new Error(
      `${kind}: checkTopics of ${side} (${prefix}*) failed: ${report.storedEvents} stored, ${report.messages} messages, ${report.missingCount} missing ` +
        `(${report.missing.slice(0, 5).join(', ')}), out of order ${JSON.stringify(report.outOfOrder.slice(0, 5))}, split streams ` +
        `${JSON.stringify(report.splitStreams.slice(0, 5))}, malformed ${report.malformed}`,
    );
  }
  log(
    `${kind}: checkTopics ${side}: all ${formatRate(report.storedEvents)} events there and in order ` +
      `(${formatRate(report.messages)} messages, ${report.repeats} repeats; checked in ${seconds(secondsSince(began))})`,
  );
}

/** Where one instrumented relay run spends its wall time (see profileRelay). */
interface RelayProfile {
  readonly seconds: number;
  readonly startup: number;
  readonly send: number;
  readonly sends: number;
  readonly save: number;
  readonly saves: number;
  /** With nothing in flight: the relay reading and converting, its first batch above all. */
  readonly own: number;
  readonly cpu: string;
}

/**
 * One more relay run, instrumented from outside (its code untouched): a send, from the moment it may go out
 * (the one before acknowledged) until Kafka acknowledged all its parts, is timed through ProducerThreads.prototype.send
 * (patched for this run only), the checkpoint store and the subscription through wrappers. Sends and saves
 * follow one another; the relay reads and converts the next batch meanwhile. What is left of the run (nothing
 * in flight) is the relay on its own: start-up and its first batch, and any batch it gathered slower than
 * the one before was sent.
 */
async function profileRelay(target: Target, store: EventStore, checkpoints: CheckpointStore, broker: Broker, prefix: string, head: string): Promise<RelayProfile> {
  const delivered: Array<{ readonly position: string; readonly at: number }> = [];
  const saves: Array<{ readonly position: string; readonly start: number; readonly end: number }> = [];
  const sends: number[] = [];
  const timedStore: EventStore = {
    kind: store.kind,
    append: (...args) => store.append(...args),
    appendMany: (...args) => store.appendMany(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    headPosition: () => store.headPosition(),
    health: () => store.health(),
    close: () => store.close(),
    subscribe: (options) => {
      const subscription = store.subscribe(options);
      const timed: Subscription = {
        get status() {
          return subscription.status;
        },
        close: () => subscription.close(),
        [Symbol.asyncIterator]() {
          const events = subscription[Symbol.asyncIterator]();
          return {
            next: () => {
              const next = events.next();
              next.then((result) => void (result.done || delivered.push({ position: encodePosition(result.value.position), at: now() })), () => undefined);
              return next;
            },
            return: (value?: unknown) => events.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined }),
          };
        },
      };
      return timed;
    },
  };
  const timedCheckpoints: CheckpointStore = {
    load: (name) => checkpoints.load(name),
    reset: (name) => checkpoints.reset(name),
    close: () => checkpoints.close(),
    save: async (name, position) => {
      const start = now();
      await checkpoints.save(name, position);
      saves.push({ position: encodePosition(position), start, end: now() });
    },
  };
  const original = ProducerThreads.prototype.send;
  ProducerThreads.prototype.send = async function send(this: ProducerThreads, parts: Parameters<ProducerThreads['send']>[0], after?: Promise<unknown>): Promise<void> {
    // From the moment the send may go out (handed over earlier, it waits for the one before).
    let start = now();
    const released = after?.then((value) => {
      start = now();
      return value;
    });
    try {
      return await original.call(this, parts, released);
    } finally {
      sends.push(now() - start);
    }
  };
  const cpu = new CpuMeter(broker.pid);
  const start = now();
  let run: RelayRun;
  try {
    run = await runRelay(target, timedStore, timedCheckpoints, broker.brokers, prefix, `bench-profile-${target.kind}-${process.pid}`, head);
  } finally {
    ProducerThreads.prototype.send = original;
  }
  const cpuRead = cpu.read();
  const startup = delivered.length > 0 ? delivered[0]!.at - start : 0;
  const send = sends.reduce((sum, took) => sum + took, 0);
  const save = saves.reduce((sum, each) => sum + (each.end - each.start), 0);
  const total = run.seconds * 1000;
  return {
    seconds: run.seconds,
    startup: startup / 1000,
    send: send / 1000,
    sends: sends.length,
    save: save / 1000,
    saves: saves.length,
    own: Math.max(0, total - startup - send - save) / 1000,
    cpu: cpuRead,
  };
}

interface ThroughputFigures {
  readonly line: BenchLine;
  readonly total: number;
  readonly ours: number;
  readonly raw: number;
  readonly readPerSecond: number;
  readonly convertPerSecond: number;
  readonly rawSecondsMedian: number;
  readonly profile: RelayProfile;
}

async function benchThroughput(
  target: Target,
  store: EventStore,
  checkpoints: CheckpointStore,
  broker: Broker,
  topics: TopicSets,
): Promise<ThroughputFigures> {
  const { kind } = target;
  const { brokers } = broker;
  const headPosition = await store.headPosition();
  if (headPosition === 'start') throw new Error(`${kind}: the store is empty`);
  const head = encodePosition(headPosition);
  let prepared: Prepared | undefined = await prepare(store);
  const total = prepared.events;
  log(
    `${kind}: ${formatRate(total)} events read into memory at ${formatRate(prepared.readPerSecond)} events/s and converted to ${prepared.batches.length} ` +
      `batches (toKafkaMessage + grouping by topic) at ${formatRate(prepared.convertPerSecond)} events/s (neither timed in the baseline); ` +
      `a message is ${Math.round(prepared.messageBytes)} bytes of key, value and headers on average`,
  );

  // Warm-up, unmeasured: the first WARM_UP_SHARE of the history, each side once.
  const warmBatches = Math.max(1, Math.ceil(prepared.batches.length * WARM_UP_SHARE));
  const warm = await topics.create(`${kind}-warm-up`);
  const warmRaw = await sendRaw(brokers, withPrefix(prepared.batches, warm, warmBatches));
  const warmRelay = await runRelay(target, store, checkpoints, brokers, warm, `bench-warm-up-${kind}-${process.pid}`, head, warmBatches * BATCH);
  await topics.delete(warm);
  log(
    `${kind}: warm-up (${warmBatches} batches a side): raw ${formatRate(Math.min(total, warmBatches * BATCH) / warmRaw)}/s, ` +
      `relay ${formatRate(warmRelay.eventsPublished / warmRelay.seconds)}/s`,
  );

  const rawSeconds: number[] = [];
  const samples = await alternate(ROUNDS, {
    baseline: async (round) => {
      const prefix = await topics.create(`${kind}-raw-${round + 1}`);
      const batches = withPrefix(prepared!.batches, prefix);
      const cpu = new CpuMeter(broker.pid);
      const took = await sendRaw(brokers, batches);
      const cpuRead = cpu.read();
      rawSeconds.push(took);
      log(`${kind}: round ${round + 1}/${ROUNDS} raw producer ${formatRate(total / took).padStart(7)} events/s (${seconds(took)}; ${cpuRead})`);
      await verify(kind, store, brokers, prefix, total, `raw round ${round + 1}`);
      await topics.delete(prefix);
      return total / took;
    },
    ours: async (round) => {
      const prefix = await topics.create(`${kind}-relay-${round + 1}`);
      const cpu = new CpuMeter(broker.pid);
      const run = await runRelay(target, store, checkpoints, brokers, prefix, `bench-relay-${kind}-${round + 1}-${process.pid}`, head);
      const cpuRead = cpu.read();
      log(
        `${kind}: round ${round + 1}/${ROUNDS} relay        ${formatRate(total / run.seconds).padStart(7)} events/s (${seconds(run.seconds)}; ` +
          `${formatRate(run.eventsPublished)} events in ${run.batchesPublished} batches; ${cpuRead})`,
      );
      await verify(kind, store, brokers, prefix, total, `relay round ${round + 1}`);
      await topics.delete(prefix);
      return total / run.seconds;
    },
  });
  const { readPerSecond, convertPerSecond } = prepared;
  // The history's messages are not needed any more.
  prepared = undefined;

  const profilePrefix = await topics.create(`${kind}-profile`);
  const profile = await profileRelay(target, store, checkpoints, broker, profilePrefix, head);
  await topics.delete(profilePrefix);
  const rawSecondsMedian = median(rawSeconds);
  log(`${kind}: where the relay's time goes (one more run, instrumented): ${describeProfile(profile, rawSecondsMedian, total, convertPerSecond)}`);
  return {
    line: lineFrom(`relay vs raw kafkajs producer, ${formatRate(total)} events, batch ${BATCH}`, kind, samples, THROUGHPUT_RATIO_GOAL),
    total,
    ours: median(samples.ours),
    raw: median(samples.baseline),
    readPerSecond,
    convertPerSecond,
    rawSecondsMedian,
    profile,
  };
}

function describeProfile(profile: RelayProfile, rawSeconds: number, total: number, convertPerSecond: number): string {
  const share = (part: number): string => `${Math.round((part / profile.seconds) * 100)}%`;
  return (
    `${seconds(profile.seconds)} for ${formatRate(total)} events (${formatRate(total / profile.seconds)}/s; ${profile.cpu}): ` +
    `sends on ${THREADS} producer thread(s) ${seconds(profile.send)} = ${share(profile.send)} (${profile.sends} sends, ${ms((profile.send / Math.max(1, profile.sends)) * 1000)} each; ` +
    `the raw producer took ${seconds(rawSeconds)} for the same batches on one); ` +
    `checkpoint saves ${seconds(profile.save)} = ${share(profile.save)} (${profile.saves}, ${ms((profile.save / Math.max(1, profile.saves)) * 1000)} each); ` +
    `start-up until the first event ${seconds(profile.startup)}; ` +
    `nothing in flight (the relay reading and converting — ~${seconds(total / convertPerSecond)} of conversion alone, mostly overlapping the sends — ` +
    `with no send to overlap) ${seconds(profile.own)} = ${share(profile.own)}`
  );
}

// ---------------------------------------------------------------------------------------------- 3. lag

interface AppendJob {
  readonly url: string;
  readonly kind: StoreKind;
}

interface LoadReport {
  readonly scheduled: number;
  readonly appended: number;
  readonly failed: number;
  readonly errors: Record<string, number>;
  /** From the first append sent to the last answer. */
  readonly seconds: number;
  readonly achievedPerSecond: number;
  readonly appendP50: number;
  readonly appendP99: number;
  /** Events appended per second in successive windows of LAG_WINDOW_S (by answer time). */
  readonly windows: number[];
}

const COMPANIES = ['Северный ветер', 'Уралтехснаб', 'Волжская логистика', 'Ромашка', 'Сибирские сети'];
const NAMES = ['Анна Петрова', 'Дмитрий Иванов', 'Екатерина Орлова', 'Павел Зайцев'];

/** LeadCaptured as the web form writes it (valid against the catalogue's schema). */
function leadCaptured(leadId: string, n: number): NewEvent {
  return {
    type: 'LeadCaptured',
    data: {
      leadId,
      company: { name: `ООО «${COMPANIES[n % COMPANIES.length]}-${n}»`, taxId: String(7700000000 + n) },
      contact: { name: NAMES[n % NAMES.length], email: `lead${n}@example.ru`, phone: '+7 495 123-45-67' },
      source: 'web-form',
      estimatedValue: { amount: 100_000 + (n % 1900) * 1000, currency: 'RUB' },
    },
    metadata: { correlationId: `flow-${leadId}`, causationId: null, actor: { userId: 'web-form', role: 'service' } },
  };
}

/** A lead generator's first call to the lead (valid against the catalogue's schema). */
function leadContactAttempted(leadId: string, n: number): NewEvent {
  return {
    type: 'LeadContactAttempted',
    data: {
      leadId,
      attemptNumber: 1,
      channel: 'call',
      outcome: 'no-answer',
      script: { scriptId: 'cold-call', version: 1 },
      nextAttemptAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    },
    metadata: { correlationId: `flow-${leadId}`, causationId: null, actor: { userId: `lead-generator-${1 + (n % 6)}`, role: 'lead-generator' } },
  };
}

/**
 * Open loop for LAG.seconds: event n is due at n / eventsPerSecond s and appended when due, unless
 * maxInFlight appends are unanswered (then as soon as one is); what is not sent by the end is not sent.
 * One event per append: every other one a LeadCaptured on a new stream, the others a LeadContactAttempted on a
 * lead captured before (its revision 0). In a child process on PostgreSQL; in the benchmark's process on SQLite.
 */
async function generateLoad(job: AppendJob): Promise<LoadReport> {
  const store = await openEventStore(job.url, { poolSize: LAG.appenderPoolSize });
  try {
    const { eventsPerSecond, seconds: duration, maxInFlight } = LAG;
    const scheduled = eventsPerSecond * duration;
    const interval = 1000 / eventsPerSecond;
    const errors: Record<string, number> = {};
    const latencies: number[] = [];
    const answeredAt: number[] = [];
    const captured: string[] = [];
    let inFlight = 0;
    let appended = 0;
    let failed = 0;
    let leads = 0;
    const began = performance.now();
    const append = async (n: number): Promise<void> => {
      inFlight += 1;
      const sentAt = performance.now();
      try {
        const waiting = n % 2 === 1 ? captured.shift() : undefined;
        if (waiting !== undefined) {
          await store.append(`lead-${waiting}`, [leadContactAttempted(waiting, n)], { expectedRevision: 0 });
        } else {
          const leadId = `lead-${FIRST_LOAD_LEAD + leads++}`;
          await store.append(`lead-${leadId}`, [leadCaptured(leadId, n)], { expectedRevision: 'no-stream' });
          captured.push(leadId);
        }
        appended += 1;
        answeredAt.push(performance.now() - began);
      } catch (error) {
        failed += 1;
        const message = (error as Error).message;
        errors[message] = (errors[message] ?? 0) + 1;
      }
      latencies.push(performance.now() - sentAt);
      inFlight -= 1;
    };
    const running: Promise<void>[] = [];
    let next = 0;
    while (next < scheduled && performance.now() - began < duration * 1000) {
      const elapsed = performance.now() - began;
      while (next < scheduled && next * interval <= elapsed && inFlight < maxInFlight) running.push(append(next++));
      await sleep(1);
    }
    await Promise.all(running);
    const took = (performance.now() - began) / 1000;
    const windows = Array.from({ length: Math.ceil(took / LAG_WINDOW_S) }, () => 0);
    for (const at of answeredAt) windows[Math.floor(at / 1000 / LAG_WINDOW_S)]! += 1 / LAG_WINDOW_S;
    return {
      scheduled,
      appended,
      failed,
      errors,
      seconds: took,
      achievedPerSecond: appended / took,
      appendP50: percentile(latencies, 0.5),
      appendP99: percentile(latencies, 0.99),
      windows: windows.map((rate) => Math.round(rate)),
    };
  } finally {
    await store.close();
  }
}

interface LagFigures {
  readonly line: BenchLine;
  readonly load: LoadReport;
  /** ms from recordedAt until the Kafka consumer's handler got the event. */
  readonly kafka: number[];
  /** The part of it until the relay handed the event to the producer (the message's timestamp − recordedAt). */
  readonly toSend: number[];
  /** ms from recordedAt until a plain subscription of the store delivered it. */
  readonly subscription: number[];
  readonly repeats: number;
  readonly relayBatches: number;
}

function header(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return (Array.isArray(value) ? value[0] : value)?.toString();
}

interface ConsumeJob {
  readonly brokers: readonly string[];
  readonly prefix: string;
  readonly groupId: string;
}

/** What the consumer child sends: first `ready`, then, asked for `expected` events, what it received. */
type ConsumerMessage =
  | { readonly ready: true }
  | {
      readonly lags: number[];
      /** ms from recordedAt to the message's timestamp (kafkajs stamps Date.now() when the relay calls sendBatch). */
      readonly toSend: number[];
      readonly ids: string[];
      readonly repeats: number;
      readonly outOfOrder: string[];
    };

/**
 * The consumer child: a kafkajs consumer of the topics of `prefix`, a group of its own, fromBeginning
 * false, maxWaitTimeInMs CONSUMER_MAX_WAIT_MS. Once it has joined and fetched (the group's offsets of the
 * empty topics are taken at its first fetch) it says `ready`; its handler takes each message's lag,
 * now − ce_recordedat, and checks each stream's order. Told how many events to expect, it answers once it
 * has them all (or after 60 s) with what it received, and exits.
 */
async function consume(job: ConsumeJob): Promise<void> {
  const kafka = new Kafka({ clientId: 'sales-ops-bench-consumer', brokers: [...job.brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: job.groupId, maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS });
  const lags: number[] = [];
  const toSend: number[] = [];
  const ids: string[] = [];
  const received = new Set<string>();
  const revisions = new Map<string, number>();
  const outOfOrder: string[] = [];
  let repeats = 0;
  let joined = false;
  let fetched = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  consumer.on(consumer.events.FETCH, () => (fetched = joined));
  let expected: number | undefined;
  process.on('message', (message: { expected: number }) => (expected = message.expected));
  const send = (message: ConsumerMessage): Promise<void> =>
    new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: allTopics(job.prefix), fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const at = now();
        const id = header(message.headers, CE_HEADERS.id);
        const recorded = Date.parse(header(message.headers, CE_HEADERS.recordedat) ?? '');
        if (id === undefined || Number.isNaN(recorded)) {
          outOfOrder.push(`a message without ${CE_HEADERS.id} or ${CE_HEADERS.recordedat} on ${topic}`);
          return;
        }
        if (received.has(id)) {
          repeats += 1;
          return;
        }
        received.add(id);
        ids.push(id);
        lags.push(at - recorded);
        toSend.push(Number(message.timestamp) - recorded);
        const stream = `${topic}|${message.key?.toString()}`;
        const revision = Number(header(message.headers, CE_HEADERS.streamrevision));
        const last = revisions.get(stream);
        if (last !== undefined && revision <= last && outOfOrder.length < 20) outOfOrder.push(`${stream}: revision ${revision} after ${last}`);
        revisions.set(stream, Math.max(last ?? -1, revision));
      },
    });
    await until(() => joined && fetched, 60_000, () => 'the lag consumer did not join its group and fetch within 60 s', 10);
    await send({ ready: true });
    await until(() => expected !== undefined, 30 * 60_000, () => 'never told how many events to expect', 10);
    const deadline = Date.now() + 60_000;
    while (received.size < expected! && Date.now() < deadline) await sleep(10);
    await send({ lags, toSend, ids, repeats, outOfOrder });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

/** The consumer child, from the parent's side. */
class ConsumerChild {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private readonly result: Promise<Exclude<ConsumerMessage, { ready: true }>>;

  constructor(job: ConsumeJob, children: Set<ChildProcess>) {
    const child = fork(__filename, ['--consume', JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    children.add(child);
    const exited = new Promise<never>((_, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        children.delete(child);
        reject(new Error(`the consumer child exited with ${signal ?? `code ${code}`}`));
      });
    });
    exited.catch(() => undefined);
    this.ready = Promise.race([new Promise<void>((resolve) => child.on('message', (message: ConsumerMessage) => 'ready' in message && resolve())), exited]);
    this.result = Promise.race([
      new Promise<Exclude<ConsumerMessage, { ready: true }>>((resolve) => child.on('message', (message: ConsumerMessage) => 'ready' in message || resolve(message))),
      exited,
    ]);
    this.ready.catch(() => undefined);
    this.result.catch(() => undefined);
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Tells the child how many events the load wrote; resolves with what it received. */
  collect(expected: number): Promise<Exclude<ConsumerMessage, { ready: true }>> {
    this.child.send({ expected });
    return this.result;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/**
 * A relay live on the store (its checkpoint set at the head, fresh topics), a kafkajs consumer of those
 * topics in a child process (another service), and a plain subscription from 'end' on the relay's store
 * instance; then the load. Each event's lag is taken in the consumer's handler (now − ce_recordedat) and in
 * the subscription (now − recordedAt). Every event the load wrote must reach both, each stream in order:
 * else it is a real error.
 */
async function benchLag(target: Target, store: EventStore, checkpoints: CheckpointStore, broker: Broker, topics: TopicSets, children: Set<ChildProcess>): Promise<LagFigures> {
  const { kind } = target;
  const prefix = await topics.create(`${kind}-lag`);
  const groupId = `sales-ops-bench-lag-${kind}-${process.pid}`;
  const consumer = new ConsumerChild({ brokers: broker.brokers, prefix, groupId }, children);
  let subscription: Subscription | undefined;
  let consuming: Promise<void> | undefined;
  let relay: KafkaRelay | undefined;
  try {
    await consumer.whenReady();

    const before = await store.headPosition();
    const subscriptionLag: number[] = [];
    const delivered = new Set<string>();
    let last: GlobalPosition | undefined;
    const live = store.subscribe({ from: 'end' });
    subscription = live;
    consuming = (async () => {
      for await (const event of live) {
        subscriptionLag.push(now() - event.recordedAt.getTime());
        delivered.add(event.eventId);
        last = event.position;
      }
    })();
    consuming.catch(() => undefined);

    const checkpointName = `bench-lag-relay-${kind}-${process.pid}`;
    if (before !== 'start') await checkpoints.save(checkpointName, before);
    relay = new KafkaRelay(
      store,
      checkpoints,
      openRelayLease(target.url, checkpointName),
      { brokers: broker.brokers, checkpointName, topicPrefix: prefix, batchSize: BATCH, partitions: PARTITIONS, producerThreads: THREADS },
      relayLog,
    );
    const running = relay;
    running.start();
    await until(() => running.status().state === 'relaying', 60_000, () => `${kind}: the lag relay did not start (${running.status().state}, ${running.status().lastError})`, 20);
    await sleep(500);

    log(
      `${kind}: lag: relay live, consumer (child process) in its group; appending ${LAG.eventsPerSecond} events/s for ${LAG.seconds} s ` +
        `${kind === 'postgres' ? 'from a child process' : 'in this process (the embedded store wakes its subscriptions in-process only)'}…`,
    );
    const job: AppendJob = { url: target.url, kind };
    const load = kind === 'postgres' ? await bench.runChild<LoadReport>('--append', job, children) : await generateLoad(job);
    if (load.failed > 0) throw new Error(`${kind}: ${load.failed} appends of the lag load failed: ${JSON.stringify(load.errors)}`);

    // What the load wrote: every event after the head taken before it.
    const expected: string[] = [];
    for await (const event of store.readAll({ from: before, batchSize: 5000 })) expected.push(event.eventId);
    if (expected.length !== load.appended) throw new Error(`${kind}: the store holds ${expected.length} events after the load's start; the load appended ${load.appended}`);
    const headPosition = await store.headPosition();
    const head = headPosition === 'start' ? null : encodePosition(headPosition);
    await until(
      () => running.status().position === head && last !== undefined && headPosition !== 'start' && comparePositions(last, headPosition) >= 0,
      60_000,
      () => `${kind}: 60 s after the load, the relay is at ${running.status().position} (head ${head}); the subscription delivered ${delivered.size} of ${expected.length}`,
      20,
    );
    const received = await consumer.collect(expected.length);
    const ids = new Set(received.ids);
    const missing = expected.filter((id) => !ids.has(id));
    const notDelivered = expected.filter((id) => !delivered.has(id));
    if (missing.length > 0 || notDelivered.length > 0 || ids.size !== expected.length || received.outOfOrder.length > 0) {
      throw new Error(
        `${kind}: lag load: ${missing.length} events never reached the consumer (${missing.slice(0, 5).join(', ')}), ${notDelivered.length} never reached ` +
          `the subscription, ${ids.size} distinct messages for ${expected.length} events, out of order: ${JSON.stringify(received.outOfOrder.slice(0, 5))}`,
      );
    }
    const kafkaLag = received.lags;
    const { batchesPublished } = running.status();
    log(
      `${kind}: lag load: ${formatRate(load.appended)} events appended of ${formatRate(load.scheduled)} due in ${seconds(load.seconds)} = ` +
        `${formatRate(load.achievedPerSecond)}/s (per ${LAG_WINDOW_S} s: ${load.windows.join(', ')}/s; append p50 ${ms(load.appendP50)}, p99 ${ms(load.appendP99)}); ` +
        `all reached the consumer in order (${received.repeats} repeats) in ${formatRate(batchesPublished)} relay batches; ` +
        `Kafka lag p50 ${ms(percentile(kafkaLag, 0.5))} p99 ${ms(percentile(kafkaLag, 0.99))} (until the relay's sendBatch p50 ` +
        `${ms(percentile(received.toSend, 0.5))} p99 ${ms(percentile(received.toSend, 0.99))}), subscription p50 ${ms(percentile(subscriptionLag, 0.5))} ` +
        `p99 ${ms(percentile(subscriptionLag, 0.99))}`,
    );
    return {
      line: latencyLine(`end-to-end lag p99 (1000/ms) vs store subscription, ${formatRate(load.achievedPerSecond)} events/s`, kind, kafkaLag, subscriptionLag),
      load,
      kafka: kafkaLag,
      toSend: received.toSend,
      subscription: subscriptionLag,
      repeats: received.repeats,
      relayBatches: batchesPublished,
    };
  } finally {
    consumer.kill();
    await relay?.stop();
    await subscription?.close();
    await consuming;
    const admin = new Kafka({ clientId: 'sales-ops-bench-admin', brokers: [...broker.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await topics.delete(prefix);
  }
}

/** A latency as a results line (as bench:projections): per second = 1000 / p99 in ms; ratio = baseline p99 / ours. */
function latencyLine(name: string, store: string, ours: readonly number[], baseline: readonly number[]): BenchLine {
  const oursP99 = Math.max(percentile(ours, 0.99), 0.001);
  const baselineP99 = Math.max(percentile(baseline, 0.99), 0.001);
  return {
    name,
    store,
    ours_per_s: Math.round((1000 / oursP99) * 10) / 10,
    baseline_per_s: Math.round((1000 / baselineP99) * 10) / 10,
    ratio: round3(baselineP99 / oursP99),
    note: `ours ${describeLatency(ours)}; baseline ${describeLatency(baseline)}`,
  };
}

function describeLatency(samples: readonly number[]): string {
  return (
    `p50 ${ms(percentile(samples, 0.5))}, p95 ${ms(percentile(samples, 0.95))}, p99 ${ms(percentile(samples, 0.99))}, ` +
    `max ${ms(percentile(samples, 1))} (${formatRate(samples.length)})`
  );
}

// ---------------------------------------------------------------------------------------------- main

interface StoreSummary {
  readonly kind: StoreKind;
  readonly throughput: ThroughputFigures | undefined;
  readonly lag: LagFigures | undefined;
}

function summary(history: HistoryReport, broker: Broker, stores: readonly StoreSummary[]): string {
  const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');
  const out = [
    `history: ${formatRate(history.events)} events, ${formatRate(history.appends)} stream appends in ${history.days} daily appendMany ` +
      `(DepartmentSimulation seed ${HISTORY.seed}, ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day from ${HISTORY.start.slice(0, 10)}), ` +
      `written in ${history.seconds.toFixed(0)} s; Kafka: ${broker.source}; relay batchSize ${BATCH}, ${PARTITIONS} partitions per topic`,
    '',
    'goals:',
  ];
  for (const { kind, throughput, lag } of stores) {
    const k = kind.padEnd(8);
    if (throughput) {
      const ratio = throughput.ours / throughput.raw;
      out.push(
        `  ${k} 1. relay throughput ${formatRate(throughput.ours)} events/s vs raw producer ${formatRate(throughput.raw)} events/s (medians of ${ROUNDS}): ` +
          `ratio ${ratio.toFixed(2)} (goal ≥ ${THROUGHPUT_RATIO_GOAL}): ${verdict(ratio >= THROUGHPUT_RATIO_GOAL)}; ` +
          `${formatRate(throughput.ours)} events/s (goal ≥ ${formatRate(THROUGHPUT_GOAL_PER_S)}): ${verdict(throughput.ours >= THROUGHPUT_GOAL_PER_S)}`,
        `  ${k}    context: the store's read rate ${formatRate(throughput.readPerSecond)} events/s, toKafkaMessage + grouping ` +
          `${formatRate(throughput.convertPerSecond)} events/s; where the relay's time goes: ` +
          describeProfile(throughput.profile, throughput.rawSecondsMedian, throughput.total, throughput.convertPerSecond),
      );
    }
    if (lag) {
      const p99 = percentile(lag.kafka, 0.99);
      const short = lag.load.achievedPerSecond < LAG.eventsPerSecond * 0.95;
      out.push(
        `  ${k} 2. end-to-end lag, commit → consumer handler, at ${formatRate(lag.load.achievedPerSecond)} events/s (${LAG.eventsPerSecond}/s asked for ` +
          `${LAG.seconds} s): ${describeLatency(lag.kafka)} (goal p99 ≤ ${LAG_GOAL_P99_MS} ms): ${verdict(p99 <= LAG_GOAL_P99_MS && !short)}` +
          (short ? ` (the appender reached only ${formatRate(lag.load.achievedPerSecond)} of the ${LAG.eventsPerSecond} events/s: not measured at the goal's rate)` : ''),
        `  ${k}    of which until the relay called sendBatch (the message's timestamp − recordedAt): ${describeLatency(lag.toSend)}`,
        `  ${k}    baseline, a plain store subscription from 'end': ${describeLatency(lag.subscription)}; ` +
          `${formatRate(lag.relayBatches)} relay batches (${(lag.load.appended / Math.max(1, lag.relayBatches)).toFixed(1)} events each), ${lag.repeats} repeats; ` +
          `appends p50 ${ms(lag.load.appendP50)}, p99 ${ms(lag.load.appendP99)}`,
      );
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  log(
    `node ${process.version}, history ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day, relay batch ${BATCH}, stores ${STORES.join(', ')}, ` +
      `load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}` +
      (SCALE === 1 ? '' : `, BENCH_SCALE=${SCALE}`),
  );
  // The lag load's events must be what the catalogue accepts.
  checkEventData('LeadCaptured', leadCaptured('lead-1', 1).data);
  checkEventData('LeadContactAttempted', leadContactAttempted('lead-1', 1).data);

  const database = STORES.includes('postgres') ? await createBenchDatabase(adminUrl) : undefined;
  if (database) log(`created database ${new URL(database.url).pathname.slice(1)}`);
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-bench-kafka-'));
  const brokerDir = join(dir, 'kafka');
  const ownBroker = !process.env.KAFKA_BROKERS?.trim();
  const children = new Set<ChildProcess>();
  let cleanedUp = false;
  const cleanUp = (): void => {
    if (cleanedUp) return;
    cleanedUp = true;
    for (const child of children) child.kill('SIGKILL');
    if (ownBroker) {
      log('stopping the broker');
      stopOwnBroker(brokerDir);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    cleanUp();
    (database ? database.drop() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);

  const sqliteFile = join(dir, 'events.db');
  const targets = STORES.map((kind): Target => {
    if (kind === 'sqlite') return { kind, url: `sqlite:${sqliteFile}` };
    const url = new URL(database!.url);
    url.searchParams.set('schema', PG_SCHEMA);
    return { kind, url: url.toString() };
  });
  const lines: BenchLine[] = [];
  const stores: StoreSummary[] = [];
  let history: HistoryReport;
  let broker: Broker;
  const starting = startBroker(brokerDir, children);
  starting.catch(() => undefined);
  try {
    log('writing the history (the simulation in a child process)…');
    history = await writeHistory(targets, children);
    log(`history: ${formatRate(history.events)} events in ${formatRate(history.appends)} stream appends over ${history.days} days, written in ${seconds(history.seconds)}`);
    if (database) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      // Hint bits and the visibility map set once, as on a store that has been running.
      await client.query(`VACUUM (ANALYZE) ${PG_SCHEMA}.es_events`);
      await client.end();
    }
    broker = await starting;
    log(`Kafka: ${broker.source}`);
    const kafka = new Kafka({ clientId: 'sales-ops-bench-admin', brokers: [...broker.brokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topics = new TopicSets(admin, `bench-kafka-${process.pid}-${Date.now().toString(36)}.`);
    try {
      for (const target of targets) {
        const store = await openEventStore(target.url);
        const checkpoints = await openCheckpointStore(target.url);
        try {
          const count = await countEvents(store);
          if (count !== history.events) throw new Error(`${target.kind} holds ${count} events; the simulation wrote ${history.events}`);
          if (target.kind === 'sqlite') log(`sqlite: file ${(statSync(sqliteFile).size / 1e6).toFixed(0)} MB`);
          const throughput = PARTS.includes('throughput') ? await benchThroughput(target, store, checkpoints, broker, topics) : undefined;
          if (throughput) lines.push(throughput.line);
          const lag = PARTS.includes('lag') ? await benchLag(target, store, checkpoints, broker, topics, children) : undefined;
          if (lag) lines.push(lag.line);
          stores.push({ kind: target.kind, throughput, lag });
          log(`load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
        } finally {
          await checkpoints.close();
          await store.close();
        }
      }
    } finally {
      await topics.deleteAll();
      await admin.disconnect().catch(() => undefined);
    }
  } finally {
    // A broker still starting would be left running by a stop that came first.
    await starting.catch(() => undefined);
    cleanUp();
    if (database) {
      log('dropping the benchmark database');
      await database.drop();
    }
  }

  const path = writeResults('kafka.json', lines);
  process.stdout.write(
    `\n${formatTable(lines)}\n\n${summary(history, broker, stores)}\n\nwritten to ${path} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`,
  );
}

// ---------------------------------------------------------------------------------------------- entry

if (role === 'simulation') {
  simulate().catch((error: unknown) => {
    log(`failed: ${describeError(error)}`);
    process.exit(1);
  });
} else if (role === 'consumer') bench.childEntry(consume);
else if (role === 'appender') bench.childEntry(generateLoad);
else bench.mainEntry(main);
