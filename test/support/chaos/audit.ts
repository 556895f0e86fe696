/**
 * What a chaos run must leave behind, checked against the store once everything is quiet again:
 * - commands: every command answered 2xx is in the store exactly once — its events (those carrying its
 *   correlation id, written by a person rather than a process manager) are there, all from one run of the
 *   command (one causation id), however often the client sent it; a command never answered is there at most once;
 * - process-manager steps: each happened once — no event caused by another event twice (same cause, stream
 *   and type), and each capture assigned, each handoff opened its deal, each win its account;
 * - read models: the live builds (written by whichever sales-insights instance held the writer's lease)
 *   equal a fresh replay (`cli replay all` into a new schema; the roster and the lead identities folded there
 *   too), document by document;
 * - Kafka: the topics hold every stored event and no other, each stream in order (repeats allowed, counted);
 * - the consumer group of two: its table holds one row per stored event, none twice, none unknown.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inView, openPersonalDataStore, parseMasterKey, type EventStore, type StoredEvent } from '#libs/event-store';
import { checkTopics, type TopicCheckReport } from '#libs/messaging';
import { ROSTER_PROJECTION } from '#libs/platform';
import { PROJECTIONS, ProjectionRunner, REPLAY_RUNNER_OPTIONS, openReadModelStore, type ReadModelStore } from '#libs/projections';
import { leadIdentityProjection } from '../../../libs/prospecting/src/import-leads/lead-identity';
import { ROOT } from './processes';
import type { CommandRecord } from './traffic';
import { SOURCE_ARGS } from '../run-source';

const run = promisify(execFile);

export interface CommandAudit {
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  readonly unanswered: number;
  /** Commands sent more than once (the client retried). */
  readonly retried: number;
  readonly attempts: number;
  /** Accepted commands with no event in the store. */
  readonly lost: string[];
  /** Commands whose events come from more than one run. */
  readonly duplicated: string[];
}

export function auditCommands(commands: readonly CommandRecord[], events: readonly StoredEvent[]): CommandAudit {
  const runs = new Map<string, Set<string>>();
  for (const event of events) {
    const { correlationId, causationId, actor } = event.metadata;
    if (actor.role === 'service' || !correlationId.startsWith('chaos-')) continue;
    const of = runs.get(correlationId) ?? new Set<string>();
    of.add(causationId ?? '');
    runs.set(correlationId, of);
  }
  const lost: string[] = [];
  const duplicated: string[] = [];
  for (const command of commands) {
    const found = runs.get(command.key)?.size ?? 0;
    if (command.outcome === 'accepted' && found === 0) lost.push(`${command.key} ${command.name}`);
    if (found > 1) duplicated.push(`${command.key} ${command.name}: ${found} runs`);
  }
  const count = (outcome: CommandRecord['outcome']): number => commands.filter((command) => command.outcome === outcome).length;
  return {
    sent: commands.length,
    accepted: count('accepted'),
    refused: count('refused'),
    unanswered: count('unanswered'),
    retried: commands.filter((command) => command.attempts > 1).length,
    attempts: commands.reduce((sum, command) => sum + command.attempts, 0),
    lost,
    duplicated,
  };
}

export interface StepAudit {
  /** Events a process manager wrote. */
  readonly steps: number;
  readonly duplicated: string[];
  readonly missing: string[];
}

/** The reactions every run must show: each event of the first type caused one of the second. */
const EXPECTED_STEPS: ReadonlyArray<readonly [cause: string, effect: string]> = [
  ['LeadCaptured', 'LeadAssigned'],
  ['LeadHandedOff', 'DealOpened'],
  ['DealWon', 'AccountOpened'],
];

export function auditSteps(events: readonly StoredEvent[]): StepAudit {
  const caused = new Map<string, number>();
  let steps = 0;
  for (const event of events) {
    if (event.metadata.actor.role !== 'service' || !event.metadata.causationId) continue;
    steps += 1;
    const key = `${event.metadata.causationId} → ${event.type} on ${event.streamId}`;
    caused.set(key, (caused.get(key) ?? 0) + 1);
  }
  const duplicated = [...caused].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
  const effects = new Set<string>();
  for (const event of events) if (event.metadata.actor.role === 'service') effects.add(`${event.metadata.causationId} ${event.type}`);
  const missing: string[] = [];
  for (const event of events) {
    for (const [cause, effect] of EXPECTED_STEPS) {
      if (event.type === cause && !effects.has(`${event.eventId} ${effect}`)) missing.push(`${cause} ${event.eventId} on ${event.streamId}: no ${effect}`);
    }
  }
  return { steps, duplicated, missing };
}

export interface ReadModelAudit {
  /** Documents compared, by projection. */
  readonly documents: Record<string, number>;
  /** Documents that differ, are missing or are extra in the live build (at most 10 listed per projection). */
  readonly differences: string[];
}

type Documents = Map<string, string>;

async function activeDocuments(readModels: ReadModelStore, projection: string): Promise<Documents> {
  const documents: Documents = new Map();
  const build = await readModels.activeBuild(projection);
  if (!build) return documents;
  await readModels.loadBuild(build.buildId, (collection, key, document) => documents.set(`${collection}/${key}`, JSON.stringify(document)));
  return documents;
}

function compare(projection: string, live: Documents, replayed: Documents): string[] {
  const differences: string[] = [];
  for (const [key, document] of replayed) {
    const seen = live.get(key);
    if (seen === undefined) differences.push(`${projection}: ${key} missing from the live build`);
    else if (seen !== document) differences.push(`${projection}: ${key} differs: live ${seen.slice(0, 300)} — replayed ${document.slice(0, 300)}`);
  }
  for (const key of live.keys()) if (!replayed.has(key)) differences.push(`${projection}: ${key} only in the live build`);
  return differences;
}

/**
 * Replays every projection into a fresh schema with the CLI (as an operator would: `cli replay all`) and the
 * roster there with the projection runner; then compares the live builds with them until they agree or
 * `timeoutMs` passes (the live side may still be catching up with the last events).
 */
export async function auditReadModels(store: EventStore, storeUrl: string, env: Record<string, string>, timeoutMs: number): Promise<ReadModelAudit> {
  const replayUrl = new URL(storeUrl);
  replayUrl.searchParams.set('schema', 'replay_check');
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-ops-chaos-cli-'));
  try {
    await run(process.execPath, [...SOURCE_ARGS, 'apps/cli/src/main.ts', 'replay', 'all', '--store', storeUrl], {
      cwd: ROOT,
      env: { ...process.env, ...env, DATA_DIR: dataDir, READ_MODEL_URL: replayUrl.toString() },
      timeout: 300_000,
    }).catch((error: Error & { stderr?: string; stdout?: string }) => {
      throw new Error(`cli replay all failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const replayed = await openReadModelStore(replayUrl.toString());
  const live = await openReadModelStore(storeUrl);
  try {
    await new ProjectionRunner([ROSTER_PROJECTION], store, replayed, REPLAY_RUNNER_OPTIONS).runToLive();
    // The lead identities, as the apps fold them: the captures opened, their keys hashed with the store's lookup key.
    const sealed = await openPersonalDataStore(storeUrl, { masterKey: parseMasterKey(env.PRIVACY_MASTER_KEY!) });
    try {
      const identities = leadIdentityProjection((kind, normalised) => sealed.keys.lookupHash(kind, normalised));
      await new ProjectionRunner([identities], inView(sealed, 'open'), replayed, REPLAY_RUNNER_OPTIONS).runToLive();
    } finally {
      await sealed.close();
    }
    const names = [...PROJECTIONS.map((projection) => projection.name), ROSTER_PROJECTION.name, 'lead-identity'];
    const expected = new Map<string, Documents>();
    for (const name of names) expected.set(name, await activeDocuments(replayed, name));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const differences: string[] = [];
      for (const name of names) differences.push(...compare(name, await activeDocuments(live, name), expected.get(name)!).slice(0, 10));
      if (differences.length === 0 || Date.now() > deadline) {
        return { documents: Object.fromEntries(names.map((name) => [name, expected.get(name)!.size])), differences };
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await replayed.close();
    await live.close();
  }
}

export interface KafkaAudit {
  readonly report: TopicCheckReport;
  /** Messages that are not a stored event's first copy and not a counted repeat (must be 0). */
  readonly unknown: number;
}

export async function auditTopics(store: EventStore, brokers: readonly string[]): Promise<KafkaAudit> {
  const report = await checkTopics(store, { brokers, timeoutMs: 120_000 });
  return { report, unknown: report.messages - report.repeats - report.storedEvents };
}

export interface ConsumerAudit {
  /** Stored events the consumers should have handled. */
  readonly expected: number;
  readonly rows: number;
  readonly byInstance: Record<string, number>;
  readonly missing: string[];
  readonly repeated: string[];
  readonly unknown: string[];
}

export async function auditConsumers(pool: pg.Pool, table: string, events: readonly StoredEvent[], handledTypes: ReadonlySet<string>): Promise<ConsumerAudit> {
  const { rows } = await pool.query<{ event_id: string; instance: string }>(`SELECT event_id, instance FROM ${table}`);
  const counts = new Map<string, number>();
  const byInstance: Record<string, number> = {};
  for (const row of rows) {
    counts.set(row.event_id, (counts.get(row.event_id) ?? 0) + 1);
    byInstance[row.instance] = (byInstance[row.instance] ?? 0) + 1;
  }
  const expected = events.filter((event) => handledTypes.has(event.type));
  const expectedIds = new Set(expected.map((event) => event.eventId));
  return {
    expected: expected.length,
    rows: rows.length,
    byInstance,
    missing: expected.filter((event) => !counts.has(event.eventId)).map((event) => `${event.type} ${event.eventId}`),
    repeated: [...counts].filter(([, count]) => count > 1).map(([id, count]) => `${id} ×${count}`),
    unknown: [...counts.keys()].filter((id) => !expectedIds.has(id)),
  };
}
