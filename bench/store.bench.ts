/**
 * Event-store benchmark (`npm run bench:store`): our adapters against the raw driver they sit on.
 *
 * 1. appends  — 16 concurrent writers, each appending single events to its own stream through the
 *               port, against the same 16 writers doing a raw single-row INSERT + COMMIT of the same
 *               row into a table of the same shape, through the same driver, in the same file/database.
 * 2. readAll  — readAll({ batchSize: 5000 }) over 200k events against a raw keyset SELECT of the same
 *               rows with the same batch size (plus JSON.parse of data/metadata on SQLite; node-pg parses
 *               jsonb itself).
 * 3. personal — 16 writers capturing new leads as a command does (load the empty stream, append the catalogue's
 *               LeadCaptured with a contact and a tax id: a new data subject each) through the personal-data layer, which seals them under a new key, against
 *               the same events through the bare adapter, in the same file/database; and the same writers
 *               logging contact attempts with a note on their lead (a subject whose key is there).
 *
 * Both sides are warmed up, then measured alternately (baseline, ours, baseline, ours, …); the median of
 * each side is reported. See bench/README.md. It reports and never fails on a slow figure; it exits
 * non-zero only on a real error (PostgreSQL unreachable, a lost or extra event, …).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { KurrentDbEventStore, PostgresEventStore, SqliteEventStore, openPersonalDataStore, parseKurrentDbUrl, type EventMetadata, type EventStore } from '#libs/event-store';
import { createBenchDatabase } from './bench-database';
import type { SqliteRow } from './raw-rows';
import { alternate, formatRate, formatTable, lineFrom, ratePerSecond, writeResults, type BenchLine } from './bench-report';
import { benchProcess } from './bench-process';

/** Multiplies every event count; e.g. BENCH_SCALE=0.1 for a quick smoke run. */
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got ${process.env.BENCH_SCALE}`);
const scaled = (count: number, multipleOf = 1): number => Math.max(multipleOf, Math.round((count * SCALE) / multipleOf) * multipleOf);

const WRITERS = 16;
/** Measured rounds per side (after a warm-up): appends are short and noisier, so they get more. */
const APPEND_ROUNDS = 5;
const READ_ALL_ROUNDS = 3;
const APPEND_GOAL = 0.7;
const READ_ALL_GOAL = 0.6;
const PERSONAL_GOAL = 0.8;
const BENCH_MASTER_KEY = Buffer.alloc(32, 0x42);
const CONFIG = {
  sqlite: { appendsPerRound: scaled(4_000, WRITERS), warmUpAppends: scaled(800, WRITERS) },
  postgres: { appendsPerRound: scaled(12_000, WRITERS), warmUpAppends: scaled(2_400, WRITERS) },
  readAll: { events: scaled(200_000, 1_000), eventsPerLoadAppend: 1_000, batchSize: 5_000 },
};
const PG_POOL_SIZE = WRITERS;

// ---------------------------------------------------------------------------------------------- payload

interface LeadCaptured {
  readonly leadId: string;
  readonly companyName: string;
  readonly contactName: string;
  readonly email: string;
  readonly phone: string;
  readonly source: string;
  readonly region: string;
  readonly comment: string;
  readonly estimatedValue: number;
  readonly currency: string;
  readonly tags: string[];
}

const COMPANIES = ['ООО «Северный ветер»', 'АО «Уралтехснаб»', 'ИП Кузнецова Е. В.', 'ООО «Волжская логистика»'];
const CONTACTS = ['Анна Петровна Смирнова', 'Дмитрий Олегович Иванов', 'Екатерина Сергеевна Орлова', 'Павел Андреевич Зайцев'];
const REGIONS = ['Свердловская область', 'Республика Татарстан', 'Новосибирская область', 'Москва'];

/** A LeadCaptured-like payload with Cyrillic text: 460–490 bytes of JSON in UTF-8 (plus 132 of metadata). */
function leadCaptured(n: number): LeadCaptured {
  return {
    leadId: `0190a1b2-c3d4-7e5f-8a6b-${n.toString(16).padStart(12, '0')}`,
    companyName: COMPANIES[n % COMPANIES.length]!,
    contactName: CONTACTS[n % CONTACTS.length]!,
    email: `client${n}@severny-veter.ru`,
    phone: `+7 912 ${String(n % 1000).padStart(3, '0')}-45-67`,
    source: 'website',
    region: REGIONS[n % REGIONS.length]!,
    comment: 'Просит перезвонить после 15:00 по поводу поставки',
    estimatedValue: 100_000 + (n % 1_000) * 1_000,
    currency: 'RUB',
    tags: ['опт', 'склад'],
  };
}

function metadataFor(n: number): EventMetadata {
  return {
    correlationId: `0190a1b2-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
    causationId: null,
    actor: { userId: 'usr-00000042', role: 'sales-manager' },
  };
}

const sampleDataBytes = Buffer.byteLength(JSON.stringify(leadCaptured(123_456)), 'utf8');
const sampleMetadataBytes = Buffer.byteLength(JSON.stringify(metadataFor(123_456)), 'utf8');

// ---------------------------------------------------------------------------------------------- appends

/**
 * One writer's single-event write, given its stream, the revision the stream is at (-1 for none) and
 * a number unique to the event. Resolves when the event is durably committed.
 */
type WriteOne = (streamId: string, revision: number, n: number) => Promise<void>;

let eventCounter = 0;

/** WRITERS concurrent writers, each on its own stream, writing `total` events in all; returns events/s. */
async function runWriters(total: number, label: string, write: WriteOne): Promise<number> {
  const perWriter = total / WRITERS;
  return ratePerSecond(total, () =>
    Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const streamId = `lead-${label}-w${writer}`;
        for (let revision = -1; revision < perWriter - 1; revision++) {
          await write(streamId, revision, ++eventCounter);
        }
      }),
    ),
  );
}

function appendThroughPort(store: EventStore): WriteOne {
  return async (streamId, revision, n) => {
    await store.append(streamId, [{ type: 'LeadCaptured', data: leadCaptured(n), metadata: metadataFor(n) }], {
      expectedRevision: revision === -1 ? 'no-stream' : revision,
    });
  };
}

async function benchAppends(
  store: string,
  sides: { ours: WriteOne; baseline: WriteOne },
  counts: { appendsPerRound: number; warmUpAppends: number },
): Promise<BenchLine> {
  const warmBaseline = await runWriters(counts.warmUpAppends, 'warm-raw', sides.baseline);
  const warmOurs = await runWriters(counts.warmUpAppends, 'warm-ours', sides.ours);
  log(`${store}: appends warm-up (${counts.warmUpAppends} events per side): baseline ${formatRate(warmBaseline)}/s, ours ${formatRate(warmOurs)}/s`);
  const samples = await alternate(APPEND_ROUNDS, {
    baseline: async (round) => report(store, 'appends', 'baseline', round, await runWriters(counts.appendsPerRound, `raw-${round}`, sides.baseline)),
    ours: async (round) => report(store, 'appends', 'ours', round, await runWriters(counts.appendsPerRound, `ours-${round}`, sides.ours)),
  });
  return lineFrom(`appends, 1 event × ${WRITERS} writers`, store, samples, APPEND_GOAL);
}

/** A new lead as the API captures it: a contact person and a sole proprietor's tax id, all personal data. */
function capturedLead(n: number) {
  const leadId = `0190a1b2-c3d4-7e5f-9a6b-${n.toString(16).padStart(12, '0')}`;
  return {
    streamId: `lead-${leadId}`,
    event: {
      type: 'LeadCaptured',
      data: {
        leadId,
        company: { name: COMPANIES[n % COMPANIES.length]!, taxId: String(770_000_000_000 + n) },
        contact: { name: CONTACTS[n % CONTACTS.length]!, email: `client${n}@severny-veter.ru`, phone: `+7 912 ${String(n % 1000).padStart(3, '0')}-45-67` },
        source: 'import',
        estimatedValue: { amount: 100_000 + (n % 1_000) * 1_000, currency: 'RUB' },
      },
      metadata: metadataFor(n),
    },
  };
}

/** A capture as the command path runs it: the hint, the (empty) stream loaded, the event appended. */
function captureThroughPort(store: EventStore): WriteOne {
  return async (_streamId, _revision, n) => {
    const { streamId, event } = capturedLead(n);
    for await (const _event of store.readStream(streamId)) throw new Error(`${streamId} is not new`);
    await store.append(streamId, [event], { expectedRevision: 'no-stream' });
  };
}

/** A contact attempt with a note, on the writer's own lead (its stream `lead-<leadId>`). */
function attemptThroughPort(store: EventStore): WriteOne {
  return async (streamId, revision, n) => {
    const data = { leadId: streamId.slice('lead-'.length), attemptNumber: revision + 2, channel: 'call', outcome: 'no-answer', note: `Перезвонить после 15:00, спросить про склад №${n}` };
    await store.append(streamId, [{ type: 'LeadContactAttempted', data, metadata: metadataFor(n) }], { expectedRevision: revision === -1 ? 'no-stream' : revision });
  };
}

/** Captures sealed by the personal-data layer against the same captures through the bare adapter. */
async function benchPersonalAppends(
  store: string,
  sides: { sealed: EventStore; bare: EventStore },
  counts: { appendsPerRound: number; warmUpAppends: number },
): Promise<BenchLine[]> {
  const ours = captureThroughPort(sides.sealed);
  const baseline = captureThroughPort(sides.bare);
  await runWriters(counts.warmUpAppends, 'warm-personal', baseline);
  await runWriters(counts.warmUpAppends, 'warm-personal', ours);
  const samples = await alternate(APPEND_ROUNDS, {
    baseline: async (round) => report(store, 'personal', 'clear', round, await runWriters(counts.appendsPerRound, `clear-${round}`, baseline)),
    ours: async (round) => report(store, 'personal', 'sealed', round, await runWriters(counts.appendsPerRound, `sealed-${round}`, ours)),
  });
  const first = lineFrom(`appends of new leads with personal fields, sealed vs in clear, 1 event × ${WRITERS} writers`, store, samples, PERSONAL_GOAL);
  const attempts = await alternate(APPEND_ROUNDS, {
    baseline: async (round) => report(store, 'personal', 'clear', round, await runWriters(counts.appendsPerRound, `attempts-clear-${round}`, attemptThroughPort(sides.bare))),
    ours: async (round) => report(store, 'personal', 'sealed', round, await runWriters(counts.appendsPerRound, `attempts-sealed-${round}`, attemptThroughPort(sides.sealed))),
  });
  return [first, lineFrom(`appends of notes on known leads (personal), sealed vs in clear, 1 event × ${WRITERS} writers`, store, attempts, PERSONAL_GOAL)];
}

// ---------------------------------------------------------------------------------------------- readAll

interface ReadTally {
  count: number;
  sum: number;
}

/** Writes `total` events through the port, `eventsPerLoadAppend` per append, each append to a new stream. */
async function loadEvents(store: EventStore, total: number, eventsPerAppend: number, concurrency: number): Promise<void> {
  const appends = total / eventsPerAppend;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < appends; index = next++) {
        const events = Array.from({ length: eventsPerAppend }, (_, i) => {
          const n = index * eventsPerAppend + i;
          return { type: 'LeadCaptured', data: leadCaptured(n), metadata: metadataFor(n) };
        });
        await store.append(`lead-load-${index}`, events, { expectedRevision: 'no-stream' });
      }
    }),
  );
  log(`${store.kind}: loaded ${formatRate(total)} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Sum of estimatedValue over the loaded events, to check that every side read every event once. */
function expectedSum(total: number): number {
  let sum = 0;
  for (let n = 0; n < total; n++) sum += 100_000 + (n % 1_000) * 1_000;
  return sum;
}

async function readThroughPort(store: EventStore, batchSize: number): Promise<ReadTally> {
  const tally: ReadTally = { count: 0, sum: 0 };
  for await (const event of store.readAll({ batchSize })) {
    tally.count += 1;
    tally.sum += (event.data as LeadCaptured).estimatedValue;
  }
  return tally;
}

async function benchReadAll(
  store: string,
  total: number,
  sides: { ours: () => Promise<ReadTally>; baseline: () => Promise<ReadTally> },
): Promise<BenchLine> {
  const sum = expectedSum(total);
  const timed = async (side: 'ours' | 'baseline', round: number | 'warm-up'): Promise<number> => {
    let tally: ReadTally | undefined;
    const rate = await ratePerSecond(total, async () => {
      tally = await sides[side]();
    });
    if (tally!.count !== total || tally!.sum !== sum) {
      throw new Error(`${store} readAll (${side}) read ${tally!.count} events summing ${tally!.sum}; expected ${total} summing ${sum}`);
    }
    return round === 'warm-up' ? rate : report(store, 'readAll', side, round, rate);
  };
  const warmBaseline = await timed('baseline', 'warm-up');
  const warmOurs = await timed('ours', 'warm-up');
  log(`${store}: readAll warm-up (one pass per side): baseline ${formatRate(warmBaseline)}/s, ours ${formatRate(warmOurs)}/s`);
  const samples = await alternate(READ_ALL_ROUNDS, {
    baseline: (round) => timed('baseline', round),
    ours: (round) => timed('ours', round),
  });
  return lineFrom(`readAll ${formatRate(total)} events, batch ${CONFIG.readAll.batchSize}`, store, samples, READ_ALL_GOAL);
}

// ---------------------------------------------------------------------------------------------- SQLite

/** The columns and keys of es_events (sqlite-migrations.ts), for the raw baseline table. */
const SQLITE_RAW_TABLE = `CREATE TABLE raw_events (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT    NOT NULL UNIQUE,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  occurred_at     INTEGER NOT NULL,
  recorded_at     INTEGER NOT NULL,
  UNIQUE (stream_id, stream_revision)
)`;

/** A raw connection with the store's pragmas: WAL, synchronous=FULL, the same busy timeout. */
function openRawSqlite(file: string): Database.Database {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

async function benchSqlite(dir: string): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];

  // Appends: store and raw table in one file.
  const appendFile = join(dir, 'appends.db');
  const appendStore = await SqliteEventStore.open({ path: appendFile });
  const appendDb = openRawSqlite(appendFile);
  try {
    appendDb.exec(SQLITE_RAW_TABLE);
    const insert = appendDb.prepare(
      `INSERT INTO raw_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertOne = appendDb.transaction((streamId: string, revision: number, n: number) => {
      const now = Date.now();
      insert.run(uuidv7(), streamId, revision + 1, 'LeadCaptured', 1, JSON.stringify(leadCaptured(n)), JSON.stringify(metadataFor(n)), now, now);
    });
    lines.push(
      await benchAppends(
        'sqlite',
        {
          ours: appendThroughPort(appendStore),
          baseline: async (streamId, revision, n) => {
            insertOne.immediate(streamId, revision, n);
          },
        },
        CONFIG.sqlite,
      ),
    );
    const expected = CONFIG.sqlite.warmUpAppends + APPEND_ROUNDS * CONFIG.sqlite.appendsPerRound;
    for (const table of ['es_events', 'raw_events']) {
      const { count } = appendDb.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number };
      if (count !== expected) throw new Error(`sqlite ${table} holds ${count} rows after the append benchmark; expected ${expected}`);
    }
  } finally {
    appendDb.close();
    await appendStore.close();
  }

  // Personal data: captures sealed against the same captures in clear, one file.
  const personalFile = join(dir, 'personal.db');
  const bare = await SqliteEventStore.open({ path: personalFile });
  const sealed = await openPersonalDataStore(`sqlite:${personalFile}`, { masterKey: BENCH_MASTER_KEY });
  try {
    lines.push(...(await benchPersonalAppends('sqlite', { sealed, bare }, CONFIG.sqlite)));
  } finally {
    await sealed.close();
    await bare.close();
  }

  // readAll: a file of its own holding exactly the loaded events.
  const readFile = join(dir, 'read-all.db');
  const readStore = await SqliteEventStore.open({ path: readFile });
  let readDb: Database.Database | undefined;
  try {
    const { events, eventsPerLoadAppend, batchSize } = CONFIG.readAll;
    await loadEvents(readStore, events, eventsPerLoadAppend, 1);
    log(`sqlite: read-all file is ${(statSync(readFile).size / 1e6).toFixed(0)} MB (+ WAL ${(walSize(readFile) / 1e6).toFixed(0)} MB)`);
    readDb = openRawSqlite(readFile);
    const page = readDb.prepare<[number, number], SqliteRow>(
      `SELECT position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at
       FROM es_events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    lines.push(
      await benchReadAll('sqlite', events, {
        ours: () => readThroughPort(readStore, batchSize),
        baseline: async () => {
          const tally: ReadTally = { count: 0, sum: 0 };
          let after = 0;
          for (;;) {
            const rows = page.all(after, batchSize);
            for (const row of rows) {
              const data = JSON.parse(row.data) as LeadCaptured;
              JSON.parse(row.metadata);
              tally.count += 1;
              tally.sum += data.estimatedValue;
            }
            if (rows.length < batchSize) return tally;
            after = rows[rows.length - 1]!.position;
            // Yield between pages as the port's async iteration does.
            await Promise.resolve();
          }
        },
      }),
    );
  } finally {
    readDb?.close();
    await readStore.close();
  }
  return lines;
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------- PostgreSQL

/** The columns and keys of es_events (postgres-migrations.ts), for the raw baseline table. */
const PG_RAW_TABLE = `CREATE TABLE bench_raw.raw_events (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL UNIQUE,
  stream_id       text        NOT NULL,
  stream_revision bigint      NOT NULL,
  type            text        NOT NULL,
  schema_version  smallint    NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  UNIQUE (stream_id, stream_revision)
);
CREATE UNIQUE INDEX raw_events_global_order ON bench_raw.raw_events (transaction_id, position);`;

interface PgRawRow {
  position: string;
  transaction_id: string;
  data: LeadCaptured;
  metadata: EventMetadata;
}

async function benchPostgres(url: string): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  const raw = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE });
  raw.on('error', () => undefined);
  try {
    // Appends: the store in schema es_appends, the raw table in schema bench_raw, one database.
    const appendStore = await PostgresEventStore.open({ connectionString: url, schema: 'es_appends', poolSize: PG_POOL_SIZE });
    try {
      await raw.query('CREATE SCHEMA bench_raw');
      await raw.query(PG_RAW_TABLE);
      const insertSql = `INSERT INTO bench_raw.raw_events
          (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8::float8 / 1000), now())`;
      // Fill both pools before timing anything.
      await Promise.all(Array.from({ length: PG_POOL_SIZE }, () => raw.query('SELECT 1')));
      lines.push(
        await benchAppends(
          'postgres',
          {
            ours: appendThroughPort(appendStore),
            baseline: async (streamId, revision, n) => {
              await raw.query(insertSql, [
                uuidv7(),
                streamId,
                revision + 1,
                'LeadCaptured',
                1,
                JSON.stringify(leadCaptured(n)),
                JSON.stringify(metadataFor(n)),
                Date.now(),
              ]);
            },
          },
          CONFIG.postgres,
        ),
      );
      const expected = CONFIG.postgres.warmUpAppends + APPEND_ROUNDS * CONFIG.postgres.appendsPerRound;
      for (const table of ['es_appends.es_events', 'bench_raw.raw_events']) {
        const { rows } = await raw.query<{ count: string }>(`SELECT count(*) AS count FROM ${table}`);
        if (Number(rows[0]!.count) !== expected) {
          throw new Error(`postgres ${table} holds ${rows[0]!.count} rows after the append benchmark; expected ${expected}`);
        }
      }
    } finally {
      await appendStore.close();
    }

    // Personal data: captures sealed against the same captures in clear, one schema.
    const personalUrl = new URL(url);
    personalUrl.searchParams.set('schema', 'es_personal');
    const bare = await PostgresEventStore.open({ connectionString: url, schema: 'es_personal', poolSize: PG_POOL_SIZE });
    const sealed = await openPersonalDataStore(personalUrl.toString(), { masterKey: BENCH_MASTER_KEY, poolSize: PG_POOL_SIZE });
    try {
      lines.push(...(await benchPersonalAppends('postgres', { sealed, bare }, CONFIG.postgres)));
    } finally {
      await sealed.close();
      await bare.close();
    }

    // readAll: a schema of its own holding exactly the loaded events.
    const readStore = await PostgresEventStore.open({ connectionString: url, schema: 'es_read_all', poolSize: PG_POOL_SIZE });
    try {
      const { events, eventsPerLoadAppend, batchSize } = CONFIG.readAll;
      await loadEvents(readStore, events, eventsPerLoadAppend, 2);
      // Hint bits and the visibility map set once, for both sides, as on a store that has been running.
      await raw.query('VACUUM (ANALYZE) es_read_all.es_events');
      await warnOfOpenTransactions(raw);
      const pageSql = `SELECT position, transaction_id, event_id, stream_id, stream_revision, type, schema_version,
          data, metadata, occurred_at, recorded_at
        FROM es_read_all.es_events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
        ORDER BY transaction_id, position LIMIT $3`;
      lines.push(
        await benchReadAll('postgres', events, {
          ours: () => readThroughPort(readStore, batchSize),
          baseline: async () => {
            // Keyset pages of batchSize, the next page requested as soon as one arrives (as readAll does).
            const tally: ReadTally = { count: 0, sum: 0 };
            const fetch = (after: { transaction_id: string; position: string }): Promise<pg.QueryResult<PgRawRow>> =>
              raw.query<PgRawRow>(pageSql, [after.transaction_id, after.position, batchSize]);
            let pending: Promise<pg.QueryResult<PgRawRow>> | undefined = fetch({ transaction_id: '0', position: '0' });
            while (pending) {
              const { rows }: pg.QueryResult<PgRawRow> = await pending;
              pending = rows.length === batchSize ? fetch(rows[rows.length - 1]!) : undefined;
              for (const row of rows) {
                tally.count += 1;
                tally.sum += row.data.estimatedValue;
              }
            }
            return tally;
          },
        }),
      );
    } finally {
      await readStore.close();
    }
  } finally {
    await raw.end();
  }
  return lines;
}

/**
 * readAll returns every event committed before the call and waits for an older transaction still open
 * anywhere in the cluster (see postgres-event-store.ts). Another session's long transaction would make
 * our side wait, not read slowly: say so, since that would show up as a low figure.
 */
async function warnOfOpenTransactions(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ pid: number; datname: string | null; state: string | null; seconds: number }>(
    `SELECT pid, datname, state, extract(epoch FROM now() - xact_start)::float8 AS seconds FROM pg_stat_activity
     WHERE pid <> pg_backend_pid() AND (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)
       AND xact_start < now() - interval '2 seconds'`,
  );
  for (const row of rows) {
    log(
      `postgres: warning — session ${row.pid} (${row.datname ?? '?'}, ${row.state ?? '?'}) has had a transaction open for ` +
        `${row.seconds.toFixed(0)} s; readAll waits for such transactions, so our figure may be low`,
    );
  }
}


// ---------------------------------------------------------------------------------------------- KurrentDB

/**
 * KurrentDB rows, when KURRENTDB_URL names a server (nothing starts one here: there is no KurrentDB binary to start,
 * and testcontainers needs a Docker engine). Each run writes under a namespace of its own (the adapter's stream
 * prefix), so that the rows read only their own events on a server that holds others:
 * - appends: the same 16 writers through the port (ids the store generates: one round trip an append) against the
 *   client's own appendToStream of the same event (jsonEvent, the stream's revision expected);
 * - readAll: the port's readAll over 200k events against the client's readAll of the same events with the same
 *   server-side stream-name filter and page size (the client parses the JSON).
 */
type Position = { readonly commit: bigint; readonly prepare: bigint };
type RecordedEvent = import('@kurrent/kurrentdb-client').RecordedEvent;

async function benchKurrentDb(url: string): Promise<BenchLine[]> {
  const client = await import('@kurrent/kurrentdb-client');
  const { connectionString } = parseKurrentDbUrl(url, 'KURRENTDB_URL');
  const raw = client.KurrentDBClient.connectionString(connectionString);
  const run = `bench-${Date.now().toString(36)}`;
  const ours = await KurrentDbEventStore.open({ connectionString, namespace: `${run}-port-` });
  const reader = await KurrentDbEventStore.open({ connectionString, namespace: `${run}-read-` });
  const lines: BenchLine[] = [];
  try {
    lines.push(
      await benchAppends(
        'kurrentdb',
        {
          ours: appendThroughPort(ours),
          baseline: async (streamId, revision, n) => {
            await raw.appendToStream(`${run}-raw-${streamId}`, client.jsonEvent({ type: 'LeadCaptured', data: leadCaptured(n) as never, metadata: metadataFor(n) as never }), {
              streamState: revision === -1 ? client.NO_STREAM : BigInt(revision),
            });
          },
        },
        CONFIG.postgres,
      ),
    );
    const total = CONFIG.readAll.events;
    await loadEvents(reader, total, CONFIG.readAll.eventsPerLoadAppend, 4);
    const prefix = `${run}-read-`;
    lines.push(
      await benchReadAll('kurrentdb', total, {
        ours: () => readThroughPort(reader, CONFIG.readAll.batchSize),
        baseline: async () => {
          const tally: ReadTally = { count: 0, sum: 0 };
          const filter = client.streamNameFilter({ prefixes: [prefix] });
          // Pages as the adapter reads them: from the last event's position (inclusive: one more asked, it skipped).
          let from: Position | typeof client.START = client.START;
          for (;;) {
            const asked: number = CONFIG.readAll.batchSize + (from === client.START ? 0 : 1);
            let read = 0;
            const page: AsyncIterable<{ readonly event?: RecordedEvent }> = raw.readAll({ fromPosition: from, maxCount: asked, filter });
            for await (const resolved of page) {
              const event: RecordedEvent | undefined = resolved.event;
              if (event === undefined || event.position === undefined) continue;
              read += 1;
              const last: Position | typeof client.START = from;
              if (last !== client.START && event.position.commit === last.commit && event.position.prepare === last.prepare) continue;
              from = event.position;
              if (event.streamId.endsWith('sales-ops-schema')) continue;
              tally.count += 1;
              tally.sum += (event.data as unknown as LeadCaptured).estimatedValue;
            }
            if (read < asked) break;
          }
          return tally;
        },
      }),
    );
  } finally {
    await ours.close();
    await reader.close();
    await raw.dispose();
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------- main

const bench = benchProcess('store', __filename, {});
const { startedAt, log } = bench;


function report(store: string, bench: 'appends' | 'readAll' | 'personal', side: string, round: number, rate: number): number {
  const rounds = bench === 'readAll' ? READ_ALL_ROUNDS : APPEND_ROUNDS;
  log(`${store}: ${bench} round ${round + 1}/${rounds} ${side.padEnd(8)} ${formatRate(rate).padStart(9)} events/s`);
  return rate;
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  log(
    `node ${process.version}, ${WRITERS} writers, ${APPEND_ROUNDS} append / ${READ_ALL_ROUNDS} readAll rounds per side, payload ${sampleDataBytes} + ${sampleMetadataBytes} bytes of JSON (data + metadata)` +
      (SCALE === 1 ? '' : `, BENCH_SCALE=${SCALE}`),
  );

  // PostgreSQL first reached: an unreachable server fails the run before any work.
  const database = await createBenchDatabase(adminUrl);
  log(`created database ${new URL(database.url).pathname.slice(1)}`);
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-bench-'));
  // Ctrl-C or a kill still removes the temp dir and drops the database.
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    rmSync(dir, { recursive: true, force: true });
    database.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const lines: BenchLine[] = [];
  try {
    lines.push(...(await benchSqlite(dir)));
    lines.push(...(await benchPostgres(database.url)));
    const kurrentDbUrl = process.env.KURRENTDB_URL?.trim();
    if (kurrentDbUrl) lines.push(...(await benchKurrentDb(kurrentDbUrl)));
    else log('KurrentDB rows NOT RUN: KURRENTDB_URL is not set (no server is started here; set it to a server the bench may write to)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    log('dropping the benchmark database');
    await database.drop();
  }

  const path = writeResults('store.json', lines);
  process.stdout.write(`\n${formatTable(lines)}\n\nwritten to ${path} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
}

bench.mainEntry(main);
