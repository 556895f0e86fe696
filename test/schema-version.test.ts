/**
 * A new schema version of a real event, read by everything that reads the store. LeadCaptured gets a version 2
 * in this test (its module replaced: the catalogue is the product's otherwise) whose version 1 called `leadId`
 * `id` (a field every reader of the event uses); a history that mixes both versions must read, everywhere, as if every event were version 2: the
 * global order, a live subscription, one on a catch-up thread, a stream, and a rebuild of every projection —
 * while the stored rows keep what was written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { currentSchemaVersion, upcastEventData } from '#libs/contracts';
import type { EventStore, StoredEvent, StreamAppend } from '#libs/event-store';
import { kpiFactsProjection, workQueuesProjection } from '#libs/projections';
import { startTestApp } from './support/http-app';
import { testDatabaseUrl } from './support/postgres';
import { openStore, rebuilt, simulatedDays, storeUrl, type Kind } from './support/projection-fixtures';
import { eventually } from './support/eventually';

jest.mock('../libs/contracts/src/prospecting/lead.events', () => {
  const actual = jest.requireActual('../libs/contracts/src/prospecting/lead.events');
  const fromV1 = ({ id, ...rest }: Record<string, unknown>) => ({ leadId: id, ...rest });
  const v2 = { ...actual.LeadCaptured, schemaVersion: 2, upcasters: [fromV1] };
  return { ...actual, LeadCaptured: v2, LEAD_EVENTS: actual.LEAD_EVENTS.map((definition: { type: string }) => (definition.type === 'LeadCaptured' ? v2 : definition)) };
});

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-schema-version-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const days = simulatedDays(23, 25);

/** The history with every LeadCaptured at version 2 (`mixed`: every other one as version 1 wrote it, `id` for `leadId`). */
function history(mixed: boolean): StreamAppend[][] {
  let captured = 0;
  return days.map((batch) =>
    batch.map((append) => ({
      ...append,
      events: append.events.map((event) => {
        if (event.type !== 'LeadCaptured') return event;
        if (!mixed || captured++ % 2 === 1) return { ...event, schemaVersion: 2 };
        const { leadId, ...rest } = event.data as Record<string, unknown>;
        return { ...event, schemaVersion: 1, data: { id: leadId, ...rest } };
      }),
    })),
  );
}

async function write(store: EventStore, batches: StreamAppend[][]): Promise<void> {
  for (const batch of batches) await store.appendMany(batch);
}

/** An event as a reader compares it: where it sits in its stream, its type, version and data. */
const seen = (event: StoredEvent) => ({ at: `${event.streamId}@${event.streamRevision}`, type: event.type, schemaVersion: event.schemaVersion, data: event.data });

async function all(events: AsyncIterable<StoredEvent>, count?: number): Promise<ReturnType<typeof seen>[]> {
  const out: ReturnType<typeof seen>[] = [];
  for await (const event of events) {
    out.push(seen(event));
    if (out.length === count) break;
  }
  return out;
}

/** The rows as stored: version and data of each LeadCaptured, as written. */
async function storedCaptures(kind: Kind, url: string): Promise<Array<{ version: number; data: Record<string, unknown> }>> {
  if (kind === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      const rows = db.prepare("SELECT schema_version AS version, data FROM es_events WHERE type = 'LeadCaptured' ORDER BY position").all() as Array<{ version: number; data: string }>;
      return rows.map((row) => ({ version: row.version, data: JSON.parse(row.data) }));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const schema = new URL(url).searchParams.get('schema');
    const { rows } = await client.query<{ version: number; data: Record<string, unknown> }>(
      `SELECT schema_version AS version, data FROM "${schema}".es_events WHERE type = 'LeadCaptured' ORDER BY transaction_id, position`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('the catalogue with a version 2 of LeadCaptured (this test\'s)', () => {
  it('upcasts version 1 data and leaves current data, other types and unknown types alone', () => {
    expect(currentSchemaVersion('LeadCaptured')).toBe(2);
    expect(upcastEventData('LeadCaptured', 1, { id: 'l-1', source: 'web' })).toEqual({ leadId: 'l-1', source: 'web' });
    const current = { leadId: 'l-1', source: 'web' };
    expect(upcastEventData('LeadCaptured', 2, current)).toBe(current);
    expect(upcastEventData('NotInTheCatalogue', 1, current)).toBe(current);
    expect(currentSchemaVersion('NotInTheCatalogue')).toBeUndefined();
  });
});

describe.each<Kind>(['sqlite', 'postgres'])('a history mixing LeadCaptured versions 1 and 2 on %s', (kind) => {
  let mixed: EventStore;
  let reference: EventStore;
  let mixedUrl: string;

  beforeAll(async () => {
    mixedUrl = storeUrl(kind, folder, `mixed_${Math.random().toString(36).slice(2, 8)}`);
    mixed = await openStore(mixedUrl);
    reference = await openStore(storeUrl(kind, folder, `reference_${Math.random().toString(36).slice(2, 8)}`));
    await write(mixed, history(true));
    await write(reference, history(false));
  });
  afterAll(async () => {
    await mixed?.close();
    await reference?.close();
  });

  it('keeps the rows as written: version 1 with `id` beside version 2', async () => {
    const rows = await storedCaptures(kind, mixedUrl);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((row) => row.version === 1).length).toBe(Math.ceil(rows.length / 2));
    for (const row of rows) expect(row.version === 1 ? 'id' in row.data && !('leadId' in row.data) : 'leadId' in row.data).toBe(true);
  });

  it('reads every event at its current version, in the global order, a subscription (also on a catch-up thread) and a stream', async () => {
    const expected = await all(reference.readAll());
    const captures = expected.filter((event) => event.type === 'LeadCaptured');
    expect(captures.length).toBeGreaterThan(20);
    for (const event of captures) expect(event).toMatchObject({ schemaVersion: 2, data: { leadId: expect.any(String) } });

    expect(await all(mixed.readAll())).toEqual(expected);
    for (const catchUpThread of [false, true]) {
      const subscription = mixed.subscribe({ from: 'start', batchSize: 100, catchUpThread });
      try {
        expect(await all(subscription, expected.length)).toEqual(expected);
      } finally {
        await subscription.close();
      }
    }
    // The first lead's stream: its capture was written as version 1.
    const stream = captures[0]!.at.split('@')[0]!;
    const read = await all(mixed.readStream(stream));
    expect(read[0]).toMatchObject({ type: 'LeadCaptured', schemaVersion: 2, data: { leadId: stream.replace(/^lead-/, '') } });
    expect(read).toEqual(expected.filter((event) => event.at.startsWith(`${stream}@`)));
  });

  it('rebuilds every projection to the same read models as the history written at version 2', async () => {
    for (const projection of [kpiFactsProjection, workQueuesProjection]) {
      const fromMixed = await rebuilt(mixed, projection);
      expect(fromMixed.eventsApplied).toBeGreaterThan(0);
      expect(fromMixed).toEqual(await rebuilt(reference, projection));
    }
  });
});

describe('the all-in-one app on a store holding a version 1 LeadCaptured', () => {
  it('routes it (process manager), shows it (GET /leads, GET /events), finds its duplicates (lead identity) and queues it, all as version 2', async () => {
    const app = await startTestApp('sqlite');
    try {
      const head = await app.token('head-of-sales', 'rop-1');
      expect((await app.request('POST', '/team/reps', { token: head, body: { repId: 'lg-ivan', name: 'Иван', role: 'lead-generator' } })).status).toBe(201);
      // Written as the version 1 code wrote it: `id`, not `leadId`.
      const leadId = 'lead-written-at-v1';
      await app.store.append(
        `lead-${leadId}`,
        [
          {
            type: 'LeadCaptured',
            schemaVersion: 1,
            data: { id: leadId, company: { name: 'ООО «Старая запись»', taxId: '7707083893' }, contact: { phone: '+7 495 111-22-33' }, source: 'web-form' },
            metadata: { correlationId: 'c-v1', causationId: null, actor: { userId: 'web-form', role: 'service' } },
          },
        ],
        { expectedRevision: 'no-stream' },
      );

      // The routing process manager needs its leadId to assign it.
      await eventually(async () => (await app.events(`lead-${leadId}`)).some((event) => event.type === 'LeadAssigned'));
      const assigned = (await app.events(`lead-${leadId}`)).find((event) => event.type === 'LeadAssigned')!;
      expect(assigned.data).toMatchObject({ leadId, leadGeneratorId: 'lg-ivan' });

      const lg = await app.token('lead-generator', 'lg-ivan');
      expect((await app.request('GET', `/leads/${leadId}`, { token: lg })).body).toMatchObject({ leadId, company: { name: 'ООО «Старая запись»' } });

      const analyst = await app.token('analyst', 'an-1');
      const exported = (await app.request('GET', '/events?type=LeadCaptured', { token: analyst })).body as Record<string, unknown>;
      expect(exported).toMatchObject({ schemaVersion: 2, data: { leadId } });
      expect(exported.data).not.toHaveProperty('id');

      const imported = await app.request('POST', '/leads/import', { token: lg, body: [{ company: 'Старая запись, снова', taxId: '7707083893' }] });
      expect(imported.body).toMatchObject({ imported: 0, duplicates: [{ row: 1, existingLeadId: leadId, matchedOn: 'taxId' }] });

      await eventually(async () => ((await app.request('GET', '/queues/me', { token: lg })).body.items ?? []).some((item: { id: string }) => item.id === leadId));
    } finally {
      await app.close();
    }
  });
});
