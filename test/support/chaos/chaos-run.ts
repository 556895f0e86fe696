/**
 * A chaos run: the split deployment as separate processes — two instances of each context app, two of
 * sales-insights (one writes the read models and relays to Kafka, the other follows and takes over), two
 * consumer-library instances in one group — on a PostgreSQL cluster and a Kafka broker of the run's own.
 * Clients drive the department's traffic through both instances of each app while a random process is
 * killed (SIGKILL) every few seconds and restarted by its supervisor; PostgreSQL is restarted once, a third
 * of the way in, and the broker once, two thirds in. Then everything is left to settle and audited
 * (./audit.ts). Used by test/chaos.test.ts (short) and `npm run chaos` (./chaos.cli.ts, long).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EVENT_CATALOGUE } from '#libs/contracts';
import { encodePosition, openCheckpointStore, openEventStore, type EventStore, type StoredEvent } from '#libs/event-store';
import { PostgresInbox } from '../../../libs/messaging/src/consumer/inbox';
import type { ConsumerChildConfig } from '../consumer-child';
import { auditCommands, auditConsumers, auditReadModels, auditSteps, auditTopics, type CommandAudit, type ConsumerAudit, type KafkaAudit, type ReadModelAudit, type StepAudit } from './audit';
import { startOwnKafka, startOwnPostgres } from './infrastructure';
import { eventually } from '../eventually';
import { SupervisedProcess, freePort } from './processes';
import { ChaosClient, addTeam, leadStory, teamTokens, type CommandRecord, type Context } from './traffic';

export interface ChaosOptions {
  /** How long traffic and kills go on. */
  readonly durationMs: number;
  /** Mean time between two kills (each 50–150 % of it). */
  readonly killEveryMs: number;
  /** Clients, each working one lead story after another. */
  readonly clients: number;
  readonly seed?: number;
  readonly log?: (line: string) => void;
}

export interface ChaosReport {
  readonly seed: number;
  readonly stories: number;
  /** Stories a client could not finish: a read that never showed what a process manager should have done. */
  readonly abandonedStories: string[];
  readonly kills: Record<string, number>;
  readonly restarts: number;
  /** Ends the supervisor did not cause (an app or consumer exiting on its own, e.g. on a lost connection). */
  readonly unexpectedExits: Record<string, number>;
  readonly postgresRestarts: number;
  readonly brokerRestarts: number;
  /** Commands accepted before PostgreSQL's restart began, and after it was back (on the restarted database). */
  readonly acceptedAroundPostgresRestart: { readonly before: number; readonly after: number };
  readonly storedEvents: number;
  readonly commands: CommandAudit;
  readonly steps: StepAudit;
  readonly readModels: ReadModelAudit;
  readonly kafka: KafkaAudit;
  readonly consumers: ConsumerAudit;
  readonly seconds: { readonly setup: number; readonly chaos: number; readonly settle: number; readonly audit: number };
}

const SECRET = 'a-chaos-run-secret-of-at-least-thirty-two-characters';
const CONTEXT_APPS: ReadonlyArray<readonly [Context, string]> = [
  ['prospecting', 'apps/prospecting/src/main.ts'],
  ['deal-closing', 'apps/deal-closing/src/main.ts'],
  ['account-management', 'apps/account-management/src/main.ts'],
  ['sales-management', 'apps/sales-management/src/main.ts'],
  ['sales-insights', 'apps/sales-insights/src/main.ts'],
];
const CONSUMER_GROUP = 'chaos-consumers';
const CONSUMER_SCHEMA = 'consumer_service';
/** What the consumers handle: every type on the relay's event topics (PersonalDataErased has a topic of its own). */
const HANDLED_TYPES = EVENT_CATALOGUE.map((definition) => definition.type).filter((type) => type !== 'PersonalDataErased');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** mulberry32: a small seeded generator, so that a run's choices can be repeated from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const seed = options.seed ?? Date.now() % 1_000_000_007;
  const random = seeded(seed);
  const began = Date.now();
  log(`chaos: seed ${seed}; starting a PostgreSQL cluster and a Kafka broker of the run's own`);
  const [postgresStarted, kafkaStarted] = await Promise.allSettled([startOwnPostgres(), startOwnKafka()]);
  const postgres = postgresStarted.status === 'fulfilled' ? postgresStarted.value : undefined;
  const kafka = kafkaStarted.status === 'fulfilled' ? kafkaStarted.value : undefined;
  const dataDirs: string[] = [];
  const processes: SupervisedProcess[] = [];
  let pool: pg.Pool | undefined;
  let store: EventStore | undefined;
  try {
    if (!postgres || !kafka) {
      const reasons = [postgresStarted, kafkaStarted].filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      throw new Error(reasons.map((result) => String(result.reason instanceof Error ? result.reason.message : result.reason)).join('\n'));
    }
    const masterKey = randomBytes(32).toString('base64');
    const common: Record<string, string> = {
      EVENT_STORE_URL: postgres.url,
      EVENT_STORE_POOL_SIZE: '4',
      JWT_SECRET: SECRET,
      SESSION_SECRET: `${SECRET}-session`,
      PRIVACY_MASTER_KEY: masterKey,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OIDC_ISSUER: '',
      OIDC_JWKS_URL: '',
      OIDC_CLIENT_ID: '',
      PUBLIC_URL: '',
      KAFKA_BROKERS: '',
      AS_OF_LADDER: 'lazy',
      RATE_LIMIT_PER_USER: '100000000',
      RATE_LIMIT_PER_IP: '100000000',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    };

    // The consumer service's own tables, made once (each instance's PostgresInbox.open then finds them).
    pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
    pool.on('error', () => undefined);
    await pool.query(`CREATE SCHEMA ${CONSUMER_SCHEMA}`);
    await pool.query(`CREATE TABLE ${CONSUMER_SCHEMA}.handled (event_id text NOT NULL, type text NOT NULL, stream_id text NOT NULL, stream_revision int NOT NULL, instance text NOT NULL)`);
    await PostgresInbox.open(pool, `${CONSUMER_SCHEMA}.inbox`);

    const instances = {} as Record<Context, string[]>;
    const apps: SupervisedProcess[] = [];
    for (const [context, script] of CONTEXT_APPS) {
      instances[context] = [];
      for (const instance of [1, 2]) {
        const port = await freePort();
        const dataDir = mkdtempSync(join(tmpdir(), `sales-ops-chaos-${context}-`));
        dataDirs.push(dataDir);
        instances[context].push(`http://127.0.0.1:${port}`);
        apps.push(
          new SupervisedProcess({
            name: `${context}-${instance}`,
            script,
            port,
            env: { ...common, PORT: String(port), DATA_DIR: dataDir, ...(context === 'sales-insights' ? { KAFKA_BROKERS: kafka.brokers.join(',') } : {}) },
          }),
        );
      }
    }
    processes.push(...apps);
    for (const app of apps) app.start();
    await untilReady(apps, 180_000);
    log(`chaos: ${apps.length} app processes ready after ${seconds(began)} s`);

    const tokens = await teamTokens(SECRET);
    const client = new ChaosClient(instances, 60_000);
    await addTeam(client, tokens);
    // The relay makes its topics at start; the consumers subscribe to them.
    const consumers = ['A', 'B'].map(
      (instance) =>
        new SupervisedProcess({
          name: `consumer-${instance}`,
          script: 'test/support/consumer-child.ts',
          args: [
            JSON.stringify({
              databaseUrl: postgres.url,
              brokers: kafka.brokers,
              topicPrefix: '',
              groupId: CONSUMER_GROUP,
              schema: CONSUMER_SCHEMA,
              instance,
              types: HANDLED_TYPES,
              holdAt: 0,
            } satisfies ConsumerChildConfig),
          ],
          env: {},
          readyMessage: 'started',
        }),
    );
    processes.push(...consumers);
    for (const consumer of consumers) consumer.start();
    await untilReady(consumers, 120_000);
    const setupSeconds = seconds(began);
    log(`chaos: the team added and the consumers in their group after ${setupSeconds} s; traffic and kills for ${options.durationMs / 1000} s`);

    // ---- traffic, kills and restarts -------------------------------------------------------------------------
    const chaosBegan = Date.now();
    const until = chaosBegan + options.durationMs;
    let stories = 0;
    const abandonedStories: string[] = [];
    const clients = Array.from({ length: options.clients }, async () => {
      while (Date.now() < until) {
        const n = ++stories;
        await leadStory(client, tokens, n, random).catch((error: Error) => abandonedStories.push(`story ${n}: ${error.message}`));
      }
    });
    const kills: Record<string, number> = {};
    const killer = (async () => {
      for (;;) {
        await sleep(options.killEveryMs * (0.5 + random()));
        if (Date.now() >= until) return;
        const running = processes.filter((candidate) => candidate.running);
        const victim = running[Math.floor(random() * running.length)];
        if (!victim) continue;
        kills[victim.name] = (kills[victim.name] ?? 0) + 1;
        log(`chaos: +${seconds(chaosBegan)} s kill -9 ${victim.name}`);
        await victim.kill();
      }
    })();
    let postgresRestarts = 0;
    let brokerRestarts = 0;
    let postgresDownAt = Number.POSITIVE_INFINITY;
    let postgresBackAt = Number.POSITIVE_INFINITY;
    const infrastructure = (async () => {
      await sleep(options.durationMs / 3);
      postgresDownAt = Date.now();
      log(`chaos: +${seconds(chaosBegan)} s restarting PostgreSQL`);
      await postgres.restart(2_000);
      postgresRestarts += 1;
      postgresBackAt = Date.now();
      log(`chaos: +${seconds(chaosBegan)} s PostgreSQL is back`);
      await sleep(Math.max(0, chaosBegan + (2 * options.durationMs) / 3 - Date.now()));
      log(`chaos: +${seconds(chaosBegan)} s restarting the Kafka broker`);
      await kafka.restart(2_000);
      brokerRestarts += 1;
      log(`chaos: +${seconds(chaosBegan)} s the broker is back`);
    })();
    await Promise.all([...clients, killer, infrastructure]);
    const chaosSeconds = seconds(chaosBegan);
    log(`chaos: traffic over after ${chaosSeconds} s (${stories} stories, ${client.commands.length} commands); settling`);

    // ---- settle: everything up, the store quiet, the relay and the consumers through -------------------------------
    const settleBegan = Date.now();
    await untilReady(processes, 180_000);
    store = await openEventStore(postgres.url);
    const head = await untilQuiet(store, 3_000, 120_000);
    const checkpoints = await openCheckpointStore(postgres.url);
    try {
      await eventually(
        async () => {
          const relayed = await checkpoints.load('kafka-relay');
          return relayed !== 'start' && encodePosition(relayed) === head;
        },
        { timeoutMs: 180_000, everyMs: 250, what: 'the relay to publish up to the head of the store' },
      );
    } finally {
      await checkpoints.close();
    }
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    const handledTypes = new Set<string>(HANDLED_TYPES);
    const expectedRows = events.filter((event) => handledTypes.has(event.type)).length;
    // Not a failure by itself: the audit below says which events the group missed.
    await eventually(async () => Number((await pool!.query(`SELECT count(DISTINCT event_id) AS n FROM ${CONSUMER_SCHEMA}.handled`)).rows[0].n) >= expectedRows, {
      timeoutMs: 180_000,
      everyMs: 250,
    }).catch(() => undefined);
    const settleSeconds = seconds(settleBegan);
    log(`chaos: settled after ${settleSeconds} s; ${events.length} events stored; auditing`);

    // ---- audit ---------------------------------------------------------------------------------------------------
    const auditBegan = Date.now();
    const report: ChaosReport = {
      seed,
      stories,
      abandonedStories,
      kills,
      restarts: processes.reduce((sum, process) => sum + process.starts - 1, 0),
      unexpectedExits: Object.fromEntries(processes.filter((process) => process.unexpectedExits > 0).map((process) => [process.name, process.unexpectedExits])),
      postgresRestarts,
      brokerRestarts,
      acceptedAroundPostgresRestart: acceptedAround(client.commands, postgresDownAt, postgresBackAt),
      storedEvents: events.length,
      commands: auditCommands(client.commands, events),
      steps: auditSteps(events),
      readModels: await auditReadModels(store, postgres.url, { PRIVACY_MASTER_KEY: masterKey, JWT_SECRET: SECRET, SESSION_SECRET: `${SECRET}-session`, LOG_LEVEL: 'warn' }, 60_000),
      kafka: await auditTopics(store, kafka.brokers),
      consumers: await auditConsumers(pool, `${CONSUMER_SCHEMA}.handled`, events, handledTypes),
      seconds: { setup: setupSeconds, chaos: chaosSeconds, settle: settleSeconds, audit: seconds(auditBegan) },
    };
    log(summary(report));
    if (report.consumers.missing.length > 0) {
      for (const consumer of consumers) log(`${consumer.name}: last status ${consumer.lastMessage}\n${consumer.lastOutput(3000)}`);
    }
    return report;
  } catch (error) {
    const outputs = processes.map((process) => `--- ${process.name} (${process.starts} starts) ---\n${process.lastOutput(1500)}`).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${outputs}`, { cause: error });
  } finally {
    await Promise.all(processes.map((process) => process.stop()));
    await store?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await Promise.all([postgres?.close(), kafka?.close()]);
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

function acceptedAround(commands: readonly CommandRecord[], downAt: number, backAt: number): ChaosReport['acceptedAroundPostgresRestart'] {
  const at = commands.flatMap((command) => (command.acceptedAt === undefined ? [] : [command.acceptedAt]));
  return { before: at.filter((time) => time < downAt).length, after: at.filter((time) => time >= backAt).length };
}

/** The figures, one per line. */
export function summary(report: ChaosReport): string {
  const { commands, steps, readModels, kafka, consumers } = report;
  const killed = Object.values(report.kills).reduce((sum, n) => sum + n, 0);
  const lost = commands.lost.length + steps.missing.length + kafka.report.missingCount + consumers.missing.length;
  const duplicated = commands.duplicated.length + steps.duplicated.length + kafka.unknown + consumers.repeated.length;
  return [
    `chaos run (seed ${report.seed}): setup ${report.seconds.setup} s, chaos ${report.seconds.chaos} s, settle ${report.seconds.settle} s, audit ${report.seconds.audit} s`,
    `  stories ${report.stories} (abandoned ${report.abandonedStories.length}); commands sent ${commands.sent}, accepted ${commands.accepted}, refused ${commands.refused}, unanswered ${commands.unanswered}, retried ${commands.retried} (${commands.attempts} attempts); accepted before PostgreSQL's restart ${report.acceptedAroundPostgresRestart.before}, after it ${report.acceptedAroundPostgresRestart.after}`,
    `  processes killed ${killed} (${Object.entries(report.kills).map(([name, n]) => `${name} ${n}`).join(', ')}), restarts ${report.restarts}, exits on their own ${JSON.stringify(report.unexpectedExits)}; PostgreSQL restarted ${report.postgresRestarts}, broker ${report.brokerRestarts}`,
    `  events stored ${report.storedEvents}; process-manager steps ${steps.steps}; read-model documents ${JSON.stringify(readModels.documents)}, differing ${readModels.differences.length}`,
    `  Kafka messages ${kafka.report.messages} (repeats ${kafka.report.repeats}, out of order ${kafka.report.outOfOrder.length}); consumers handled ${consumers.rows} of ${consumers.expected} (${JSON.stringify(consumers.byInstance)})`,
    `  lost ${lost}, duplicated ${duplicated}`,
  ].join('\n');
}

async function untilReady(processes: readonly SupervisedProcess[], timeoutMs: number): Promise<void> {
  await eventually(() => processes.every((process) => process.ready), { timeoutMs, everyMs: 250, what: () => `ready: ${processes.filter((process) => !process.ready).map((process) => `${process.name} (health: ${process.lastHealth.slice(0, 3000)})\n${process.lastOutput(1500)}`).join('\n')}` });
}

/** Resolves with the store's head once it stayed the same for `quietMs`. */
async function untilQuiet(store: EventStore, quietMs: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const head = await store.headPosition();
    const text = head === 'start' ? 'start' : encodePosition(head);
    if (text !== last) {
      last = text;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return text;
    if (Date.now() > deadline) throw new Error(`the store did not go quiet within ${timeoutMs} ms`);
    await sleep(250);
  }
}

const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;
