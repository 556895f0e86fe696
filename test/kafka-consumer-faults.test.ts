/**
 * The consumer library (libs/messaging/src/consumer) under faults, each test against the run's real broker,
 * fed by the real KafkaRelay from a real store (SQLite, in a temporary directory) holding valid catalogue
 * events, with the inbox and the service's own table in the run's PostgreSQL database (a fresh schema per
 * test) and a fresh topic prefix per test. The consumers that are killed run in child processes
 * (support/consumer-child.ts: SalesEventConsumer unchanged; the only test hook is a wrapper around the
 * PostgresInbox that can hold the consumer, forever, right after the inbox's transaction has committed).
 * The handler writes one row per event (event id, instance) into `<schema>.handled`, which has no unique
 * key: a second handling of an event shows as a second row.
 *
 * The history: streams of four contexts; three are subscribed (prospecting, deal-closing,
 * account-management) and seven of their types are handled; LeadContactAttempted and RepeatSaleWon are on
 * subscribed topics without a handler (passed over), RepJoined/SalesPlanSet are on a topic not subscribed.
 *
 * 1. Killed -9 between the inbox's commit and the offset commit, twice. Consumer A (group G, a child) holds
 *    on the 5th event it handles; the test checks the window it is in (the event's row and inbox entry are
 *    committed, the group's committed offsets cover exactly the messages before it) and kills it. More
 *    events are stored; consumer B (same group, a child) takes over, holds on its 120th event and is killed
 *    too. More events; consumer C (same group, in this process) takes over and reaches the end (the group's
 *    committed offsets are the topics' ends). It proves that:
 *    - every event of a handled type is handled exactly once in the service's table (no duplicate rows,
 *      none missing), though two were delivered twice;
 *    - each event held at a kill was delivered again and passed over by the inbox: the ids the inbox passed
 *      over (in B and C) are exactly the two held ids, C's status().duplicates >= 1, and the duplicates of
 *      B and C add up to the two kills;
 *    - the consumers' counters agree with the table: A's 5 rows, B's 120, C's status().handled = the rest;
 *      every message of an unhandled type was passed over exactly once in all.
 *    A 6 s session timeout: each takeover waits that long for the dead member to be evicted.
 *
 * 2. Rebalances in one group while events keep arriving (topics of 4 partitions, events appended all the
 *    time, the relay publishing them). Instances X and Y (children) start together and share the
 *    partitions (the group's description shows both with partitions, and both write rows); X stops
 *    cleanly (stop()) and Y gets every partition; X' (a new child) joins and they share again; Y is held
 *    right after an inbox commit and killed -9, and X' gets every partition once Y is evicted, is handed
 *    Y's held event again and passes it over. Once the appending stops, X' reaches the end. It proves that
 *    every stored event of a handled type is in the table exactly once, that every instance handled some,
 *    that each instance's status().handled is its rows in the table (Y: plus the held one), and that the
 *    survivor reached the end of every partition.
 *
 * Times (how long a clean leave and a kill take to rebalance) are logged. A killed member keeps its
 * partitions until the broker evicts it after its session timeout: the consumers here set 6 s (the broker's
 * group.min.session.timeout.ms) instead of kafkajs' default 30 s.
 * Both tests were seen to fail (in a throwaway copy of the repository) with the inbox's de-duplication
 * disabled (repeated rows in the table) and with the offset committed before the handler instead of after
 * it (1: the committed offsets include the held event; 2: the survivor was never handed Y's held event).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AssignerProtocol, Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import { encodePosition, openCheckpointStore, openEventStore, type CheckpointStore, type EventStore, type NewEvent, type StoredEvent } from '#libs/event-store';
import { KafkaRelay, PostgresInbox, SalesEventConsumer, topicOf, type ConsumerStatus, type Inbox, type SalesEventHandlers } from '#libs/messaging';
import { CATALOGUE_EXAMPLES } from '../libs/messaging/src/asyncapi/catalogue-examples.fixture';
import { openRelayLease } from '../libs/messaging/src/relay/relay-lease';
import type { ConsumerChildConfig, ConsumerChildMessage } from './support/consumer-child';
import { freshTopicPrefix, testKafkaBrokers, quietRelayLog as quiet, TYPES_BY_CONTEXT } from './support/kafka';
import { appendRounds, startAppender } from './support/synthetic-streams';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { eventually } from './support/eventually';
import { SOURCE_ARGS } from './support/run-source';

const ROOT = resolve(__dirname, '..');
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// ---- events --------------------------------------------------------------------------------------------------

/** The types the service handles; the others of the first three contexts are passed over. */
const HANDLED = ['LeadCaptured', 'LeadAssigned', 'DealOpened', 'MeetingHeld', 'DealWon', 'AccountOpened', 'TouchpointLogged'];
const subscribedTopics = (prefix: string): string[] => [...new Set(HANDLED.map((type) => topicOf(type, prefix)))];
const onSubscribedTopic = (type: string): boolean => TYPES_BY_CONTEXT.slice(0, 3).some((types) => types.includes(type));

const metadata = { correlationId: 'c-1', causationId: null, actor: { userId: 'u-1', role: 'hunter' } };

/** `count` events of stream number `stream`, the n-th of type n mod (the context's types), valid data. */
function eventsFor(stream: number, count: number, offset: number): NewEvent[] {
  const types = TYPES_BY_CONTEXT[stream % TYPES_BY_CONTEXT.length]!;
  return Array.from({ length: count }, (_, index) => {
    const type = types[(index + offset) % types.length]!;
    return { type, data: { ...CATALOGUE_EXAMPLES[type] }, metadata };
  });
}

async function readAll(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

// ---- the world of one test: store, relay, database schema, admin ---------------------------------------------

interface World {
  readonly store: EventStore;
  readonly relay: KafkaRelay;
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly prefix: string;
  readonly admin: Admin;
  readonly brokers: string[];
  /** Until the relay's checkpoint is the store's head (taken now). */
  published(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function openWorld(tag: string, partitions: number): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), `sales-ops-${tag}-`));
  const url = `sqlite:${join(dir, 'events.db')}`;
  const store = await openEventStore(url);
  const checkpoints: CheckpointStore = await openCheckpointStore(url);
  const prefix = freshTopicPrefix();
  const brokers = testKafkaBrokers();
  const relay = new KafkaRelay(store, checkpoints, openRelayLease(url, 'kafka-relay'), { brokers, topicPrefix: prefix, partitions, batchSize: 50 }, quiet);
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  const schema = freshSchemaName(tag);
  await pool.query(`CREATE SCHEMA ${schema}`);
  // No unique key: an event handled twice would show as two rows.
  await pool.query(`CREATE TABLE ${schema}.handled (event_id text NOT NULL, type text NOT NULL, stream_id text NOT NULL, stream_revision int NOT NULL, instance text NOT NULL)`);
  // The inbox's table, made here once (the children's PostgresInbox.open then finds it).
  await PostgresInbox.open(pool, `${schema}.inbox`);
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  return {
    store,
    relay,
    pool,
    schema,
    prefix,
    admin,
    brokers,
    async published(timeoutMs = 60_000) {
      const head = await store.headPosition();
      const target = head === 'start' ? null : encodePosition(head);
      await eventually(() => relay.status().position === target, { timeoutMs: timeoutMs, what: () => `the relay to reach ${target} (${JSON.stringify(relay.status())})`, everyMs: 50 });
    },
    async close() {
      await admin.disconnect().catch(() => undefined);
      await relay.stop().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await checkpoints.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The service's table: rows per instance, event ids handled more than once, and all ids. */
async function tableOf(world: World): Promise<{ rows: number; byInstance: Record<string, number>; repeated: string[]; ids: Set<string> }> {
  const { rows } = await world.pool.query<{ event_id: string; instance: string }>(`SELECT event_id, instance FROM ${world.schema}.handled`);
  const byInstance: Record<string, number> = {};
  const seen = new Map<string, number>();
  for (const row of rows) {
    byInstance[row.instance] = (byInstance[row.instance] ?? 0) + 1;
    seen.set(row.event_id, (seen.get(row.event_id) ?? 0) + 1);
  }
  return { rows: rows.length, byInstance, repeated: [...seen].filter(([, n]) => n > 1).map(([id]) => id), ids: new Set(seen.keys()) };
}

/** The group's committed offsets against the topics' ends, summed, and the partitions behind. */
async function progressOf(world: World, groupId: string): Promise<{ committed: number; end: number; behind: string[] }> {
  let committed = 0;
  let end = 0;
  const behind: string[] = [];
  const offsets = await world.admin.fetchOffsets({ groupId, topics: subscribedTopics(world.prefix) });
  for (const { topic, partitions } of offsets) {
    const ends = new Map((await world.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    for (const { partition, offset } of partitions) {
      const at = Math.max(0, Number(offset));
      const high = ends.get(partition) ?? 0;
      committed += at;
      end += high;
      if (at !== high) behind.push(`${topic}/${partition} ${at}/${high}`);
    }
  }
  return { committed, end, behind };
}

/** The group's members (by client id) and how many partitions each is assigned; empty while rebalancing. */
async function membersOf(world: World, groupId: string): Promise<{ state: string; members: Record<string, number> }> {
  const { groups } = await world.admin.describeGroups([groupId]);
  const group = groups[0]!;
  const members: Record<string, number> = {};
  for (const member of group.members) {
    const decoded = member.memberAssignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(member.memberAssignment) : null;
    members[member.clientId] = decoded ? Object.values(decoded.assignment).reduce((sum, partitions) => sum + partitions.length, 0) : 0;
  }
  return { state: group.state, members };
}

/** Until the group is stable with exactly these members, each with at least one partition. */
async function untilMembers(world: World, groupId: string, clientIds: string[], timeoutMs: number): Promise<Record<string, number>> {
  let last: { state: string; members: Record<string, number> } = { state: '?', members: {} };
  await eventually(async () => {
      last = await membersOf(world, groupId);
      const names = Object.keys(last.members).sort();
      return last.state === 'Stable' && names.join() === [...clientIds].sort().join() && names.every((name) => last.members[name]! > 0);
    }, { timeoutMs: timeoutMs, what: () => `group ${groupId} to be ${clientIds.join(' + ')} (it is ${JSON.stringify(last)})`, everyMs: 50 });
  return last.members;
}

// ---- a consumer in a child process ---------------------------------------------------------------------------

interface ConsumerChild {
  readonly instance: string;
  readonly clientId: string;
  readonly messages: ConsumerChildMessage[];
  /** The last status reported (zeros before the first). */
  status(): ConsumerStatus;
  /** The ids the inbox passed over in this child. */
  duplicateIds(): string[];
  waitFor<T extends ConsumerChildMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<ConsumerChildMessage, { type: T }>>;
  send(message: { type: 'stop' | 'hold' }): void;
  /** SIGKILL; resolves with how it ended ('SIGKILL' when the kill ended it). */
  kill(): Promise<string>;
  readonly exited: Promise<string>;
}

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const ZERO: ConsumerStatus = { running: false, handled: 0, duplicates: 0, passedOver: 0, deadLettered: 0, lastError: null };

function startConsumerChild(world: World, groupId: string, instance: string, holdAt = 0): ConsumerChild {
  const config: ConsumerChildConfig = {
    databaseUrl: testDatabaseUrl(),
    brokers: world.brokers,
    topicPrefix: world.prefix,
    groupId,
    schema: world.schema,
    instance,
    types: HANDLED,
    holdAt,
  };
  const child = spawn(process.execPath, [...SOURCE_ARGS, 'test/support/consumer-child.ts', JSON.stringify(config)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  children.add(child);
  const messages: ConsumerChildMessage[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  let ended: string | undefined;
  let status = ZERO;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('message', (message: ConsumerChildMessage) => {
    messages.push(message);
    if ('status' in message) status = message.status;
    for (const listener of listeners) listener();
  });
  const exited = new Promise<string>((done) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      ended = signal ?? `exit ${code}`;
      for (const listener of listeners) listener();
      done(ended);
    }),
  );
  return {
    instance,
    clientId: `${groupId}-${instance}`,
    messages,
    status: () => status,
    duplicateIds: () => messages.flatMap((message) => (message.type === 'duplicate' ? [message.eventId] : [])),
    waitFor(type, timeoutMs = 90_000) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => settle(new Error(`consumer ${instance}: no ${type} within ${timeoutMs} ms (status ${JSON.stringify(status)}; stderr: ${stderr})`)), timeoutMs);
        const check = (): void => {
          const found = messages.find((message) => message.type === type);
          if (found) settle(undefined, found);
          else if (ended !== undefined) settle(new Error(`consumer ${instance} ended (${ended}) before ${type} (stderr: ${stderr})`));
        };
        function settle(error: Error | undefined, found?: ConsumerChildMessage): void {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolvePromise(found as never);
        }
        listeners.add(check);
        check();
      });
    },
    send(message) {
      child.send(message);
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
    exited,
  };
}

/** The handler of every handled type: one row per event, in the inbox's transaction. */
function rowWriter(schema: string, instance: string): SalesEventHandlers<pg.PoolClient> {
  const write = async (event: { eventId: string; type: string; streamId: string; streamRevision: number }, tx: pg.PoolClient): Promise<void> => {
    await tx.query(`INSERT INTO ${schema}.handled (event_id, type, stream_id, stream_revision, instance) VALUES ($1, $2, $3, $4, $5)`, [
      event.eventId,
      event.type,
      event.streamId,
      event.streamRevision,
      instance,
    ]);
  };
  return Object.fromEntries(HANDLED.map((type) => [type, write])) as SalesEventHandlers<pg.PoolClient>;
}

/** The inbox, recording the ids it passes over (nothing else changes). */
function recordingInbox(inbox: Inbox<pg.PoolClient>, duplicates: string[]): Inbox<pg.PoolClient> {
  return {
    async once(group, eventId, work) {
      const handled = await inbox.once(group, eventId, work);
      if (!handled) duplicates.push(eventId);
      return handled;
    },
  };
}

const processed = (status: ConsumerStatus): number => status.handled + status.duplicates + status.passedOver + status.deadLettered;

// ---- the tests ---------------------------------------------------------------------------------------------

describe('the sales event consumer under faults', () => {
  it('killed -9 between the inbox’s commit and the offset commit, twice: every event is handled exactly once and the redeliveries are passed over', async () => {
    const GROUP = 'billing';
    const world = await openWorld('consumer_kill', 3);
    let last: SalesEventConsumer<pg.PoolClient> | undefined;
    try {
      // 48 streams of 8 events: 384 events, 216 of them of handled types.
      await appendRounds(world.store, eventsFor, 'h', 48, 8);
      world.relay.start();
      await world.published();

      // A: held on the 5th event it handles, after the inbox's transaction committed.
      const a = startConsumerChild(world, GROUP, 'A', 5);
      const heldA = await a.waitFor('holding');
      expect(heldA).toMatchObject({ n: 5, status: { handled: 4, duplicates: 0, deadLettered: 0 } });
      // The window: the event's row and inbox entry are committed...
      expect((await world.pool.query(`SELECT instance FROM ${world.schema}.handled WHERE event_id = $1`, [heldA.eventId])).rows).toEqual([{ instance: 'A' }]);
      expect((await world.pool.query(`SELECT count(*)::int AS n FROM ${world.schema}.inbox WHERE consumer = $1`, [GROUP])).rows[0].n).toBe(5);
      // ...and the group's committed offsets cover exactly the messages before it, not the held one.
      expect((await progressOf(world, GROUP)).committed).toBe(processed(heldA.status));
      expect(await a.kill()).toBe('SIGKILL');
      const killedA = Date.now();

      await appendRounds(world.store, eventsFor, 'h', 48, 2, { start: 8 });
      await appendRounds(world.store, eventsFor, 'late', 12, 4);
      await world.published();

      // B: same group; takes over once A's member is evicted; held on its 120th event.
      const b = startConsumerChild(world, GROUP, 'B', 120);
      await eventually(() => processed(b.status()) > 0, { timeoutMs: 90_000, what: () => `B to take over (${JSON.stringify(b.status())})`, everyMs: 50 });
      const takeoverB = Date.now() - killedA;
      const heldB = await b.waitFor('holding');
      expect(heldB.n).toBe(120);
      expect((await world.pool.query(`SELECT instance FROM ${world.schema}.handled WHERE event_id = $1`, [heldB.eventId])).rows).toEqual([{ instance: 'B' }]);
      expect((await progressOf(world, GROUP)).committed).toBe(processed(heldA.status) + processed(heldB.status));
      expect(await b.kill()).toBe('SIGKILL');
      const killedB = Date.now();
      const rowsBeforeC = (await tableOf(world)).rows;
      expect(rowsBeforeC).toBe(125);

      await appendRounds(world.store, eventsFor, 'h', 48, 2, { start: 10 });
      await world.published();

      // C: same group, in this process; takes over once B's member is evicted and reaches the end.
      const duplicatesC: string[] = [];
      const c = new SalesEventConsumer({
        brokers: world.brokers,
        groupId: GROUP,
        clientId: `${GROUP}-C`,
        topicPrefix: world.prefix,
        // A killed member's partitions go to the others after 6 s (the broker's minimum), not kafkajs' 30 s.
        consumer: { sessionTimeout: 6000, heartbeatInterval: 1000 },
        handlers: rowWriter(world.schema, 'C'),
        inbox: recordingInbox(await PostgresInbox.open(world.pool, `${world.schema}.inbox`), duplicatesC),
      });
      last = c;
      await c.start();
      await eventually(() => processed(c.status()) > 0, { timeoutMs: 90_000, what: () => `C to take over (${JSON.stringify(c.status())})`, everyMs: 50 });
      const takeoverC = Date.now() - killedB;
      let progress = await progressOf(world, GROUP);
      await eventually(async () => (progress = await progressOf(world, GROUP)).behind.length === 0, { timeoutMs: 90_000, what: () => `C to reach the end (behind: ${progress.behind.join(', ')}; ${JSON.stringify(c.status())})`, everyMs: 50 });

      const stored = await readAll(world.store);
      const expected = stored.filter((event) => HANDLED.includes(event.type));
      const passedOverExpected = stored.filter((event) => !HANDLED.includes(event.type) && onSubscribedTopic(event.type)).length;
      const table = await tableOf(world);
      const status = c.status();
      const dupB = b.duplicateIds();
      console.log(
        `kill -9 twice: ${stored.length} events stored, ${expected.length} of handled types, ${passedOverExpected} passed over; ` +
          `A held ${heldA.eventId} (its 5th), B held ${heldB.eventId} (its 120th); B took over ${takeoverB} ms after A's kill, C ${takeoverC} ms after B's; ` +
          `the inbox passed over in B: [${dupB.join(', ')}], in C: [${duplicatesC.join(', ')}]; rows by instance ${JSON.stringify(table.byInstance)}; C: ${JSON.stringify(status)}`,
      );
      // Exactly once: every event of a handled type has one row, no more, no other.
      expect(table.repeated).toEqual([]);
      expect(table.rows).toBe(expected.length);
      expect([...table.ids].sort()).toEqual(expected.map((event) => event.eventId).sort());
      // Both held events came again, and only they, and the inbox passed them over.
      expect(status.duplicates).toBeGreaterThanOrEqual(1);
      expect(duplicatesC).toContain(heldB.eventId);
      expect([...dupB, ...duplicatesC].sort()).toEqual([heldA.eventId, heldB.eventId].sort());
      expect(heldB.status.duplicates + status.duplicates).toBe(2);
      // The counters agree with the table; every message was processed once but for the two held ones.
      expect(table.byInstance).toEqual({ A: 5, B: 120, C: expected.length - 125 });
      expect(status).toMatchObject({ running: true, handled: expected.length - 125, deadLettered: 0, lastError: null });
      expect(heldA.status.passedOver + heldB.status.passedOver + status.passedOver).toBe(passedOverExpected);
      expect(progress.end).toBe(processed(heldA.status) + processed(heldB.status) + processed(status));
    } finally {
      await last?.stop().catch(() => undefined);
      await world.close();
    }
  }, 300_000);

  it('two instances share the partitions while events arrive; one stops cleanly, another is killed -9, and every event is handled exactly once', async () => {
    const GROUP = 'crm-sync';
    const world = await openWorld('consumer_rebalance', 4);
    let appender: { stop(): Promise<number> } | undefined;
    try {
      await appendRounds(world.store, eventsFor, 'h', 40, 6);
      world.relay.start();
      await world.published();
      // ~60-100 events a second from here on, over 40 more streams, until the end.
      appender = startAppender(world.store, eventsFor, 'live', 40, 2, 25);
      const partitions = subscribedTopics(world.prefix).length * 4;

      // X and Y start together and share the partitions.
      const x = startConsumerChild(world, GROUP, 'X');
      const y = startConsumerChild(world, GROUP, 'Y');
      await Promise.all([x.waitFor('started'), y.waitFor('started')]);
      const shared = await untilMembers(world, GROUP, [x.clientId, y.clientId], 60_000);
      let rows: Record<string, number> = {};
      await eventually(async () => {
          rows = (await tableOf(world)).byInstance;
          return (rows.X ?? 0) >= 10 && (rows.Y ?? 0) >= 10;
        }, { timeoutMs: 60_000, what: () => `X and Y to handle some (rows by instance ${JSON.stringify(rows)})`, everyMs: 50 });

      // X leaves cleanly; Y gets every partition.
      const leaving = Date.now();
      x.send({ type: 'stop' });
      const stoppedX = await x.waitFor('stopped');
      expect(await x.exited).toBe('exit 0');
      const stopMs = Date.now() - leaving;
      const alone = await untilMembers(world, GROUP, [y.clientId], 60_000);
      const leaveRebalanceMs = Date.now() - leaving;
      expect(alone[y.clientId]).toBe(partitions);
      const yBefore = y.status().handled;
      await eventually(() => y.status().handled > yBefore + 20, { timeoutMs: 30_000, what: () => `Y to go on (${JSON.stringify(y.status())})`, everyMs: 50 });

      // X' joins; they share again.
      const x2 = startConsumerChild(world, GROUP, 'X2');
      await x2.waitFor('started');
      const sharedAgain = await untilMembers(world, GROUP, [y.clientId, x2.clientId], 60_000);
      await eventually(() => x2.status().handled > 0, { timeoutMs: 60_000, what: () => `X' to handle some (${JSON.stringify(x2.status())})`, everyMs: 50 });

      // Y is held right after an inbox commit and killed; X' takes every partition once Y is evicted.
      y.send({ type: 'hold' });
      const heldY = await y.waitFor('holding');
      expect(await y.kill()).toBe('SIGKILL');
      const killedY = Date.now();
      const survivor = await untilMembers(world, GROUP, [x2.clientId], 90_000);
      const killRebalanceMs = Date.now() - killedY;
      expect(survivor[x2.clientId]).toBe(partitions);

      // The appending stops; X' reaches the end (and so is past Y's held event: asserted below).
      await sleep(1000);
      await appender.stop();
      appender = undefined;
      await world.published();
      let progress = await progressOf(world, GROUP);
      await eventually(async () => (progress = await progressOf(world, GROUP)).behind.length === 0, { timeoutMs: 90_000, what: () => `X' to reach the end (behind: ${progress.behind.join(', ')}; ${JSON.stringify(x2.status())})`, everyMs: 50 });
      x2.send({ type: 'stop' });
      const stoppedX2 = await x2.waitFor('stopped');

      const stored = await readAll(world.store);
      const expected = stored.filter((event) => HANDLED.includes(event.type));
      const passedOverExpected = stored.filter((event) => !HANDLED.includes(event.type) && onSubscribedTopic(event.type)).length;
      const table = await tableOf(world);
      const duplicates = { X: x.duplicateIds(), Y: y.duplicateIds(), X2: x2.duplicateIds() };
      console.log(
        `rebalance: ${stored.length} events stored (${expected.length} of handled types, ${passedOverExpected} passed over), ${partitions} partitions; ` +
          `X + Y: ${JSON.stringify(shared)}; X's stop() took ${stopMs} ms, Y had every partition ${leaveRebalanceMs} ms after it was asked; ` +
          `X' + Y: ${JSON.stringify(sharedAgain)}; Y killed holding ${heldY.eventId}, X' had every partition ${killRebalanceMs} ms later; ` +
          `rows by instance ${JSON.stringify(table.byInstance)}; passed over by the inbox: ${JSON.stringify(duplicates)}; ` +
          `X ${JSON.stringify(stoppedX.status)}, Y at the kill ${JSON.stringify(heldY.status)}, X' ${JSON.stringify(stoppedX2.status)}`,
      );
      // Exactly once.
      expect(table.repeated).toEqual([]);
      expect(table.rows).toBe(expected.length);
      expect([...table.ids].sort()).toEqual(expected.map((event) => event.eventId).sort());
      // Every instance handled some, and its counter is its rows (Y: plus the one held when killed).
      expect(table.byInstance).toEqual({ X: stoppedX.status.handled, Y: heldY.status.handled + 1, X2: stoppedX2.status.handled });
      expect(Math.min(stoppedX.status.handled, heldY.status.handled, stoppedX2.status.handled)).toBeGreaterThan(0);
      // Y's held event was delivered again and passed over; nothing was dead-lettered; nothing unhandled was missed.
      expect(stoppedX2.status.duplicates).toBeGreaterThanOrEqual(1);
      expect(duplicates.X2).toContain(heldY.eventId);
      expect(stoppedX.status.deadLettered + heldY.status.deadLettered + stoppedX2.status.deadLettered).toBe(0);
      expect(stoppedX.status.passedOver + heldY.status.passedOver + stoppedX2.status.passedOver).toBeGreaterThanOrEqual(passedOverExpected);
      expect(progress.end).toBe(stored.filter((event) => onSubscribedTopic(event.type)).length);
    } finally {
      await appender?.stop().catch(() => undefined);
      await world.close();
    }
  }, 300_000);
});
