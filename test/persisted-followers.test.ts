/**
 * The roster (what routing reads) and the lead identities (what imports check duplicates against) are persisted
 * read models: a restart loads the roster from its checkpoint (the lead identities are read where they are
 * persisted: test/stored-projection-runner.test.ts) and reads only the events stored since, on SQLite and
 * PostgreSQL; what they hold then equals a fold of the whole history, and an erased lead stays forgotten.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { encodePosition, type EventStore, type ReadAllOptions, type StoredEvent, type SubscribeOptions } from '#libs/event-store';
import { PersistedFollower, ROSTER_EVENT_TYPES, ROSTER_PROJECTION, RosterReadModel, RosterView } from '#libs/platform';
import { defineProjection, openReadModelStore } from '#libs/projections';
import { startTestApp, type StoreKind } from './support/http-app';
import { openStore, simulatedDays, storeUrl, watched, writeDays } from './support/projection-fixtures';
import { eventually } from './support/eventually';
import { newLead } from './support/story';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-persisted-followers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The real store, with a count of the events its subscriptions delivered. */
function counting(store: EventStore): { store: EventStore; delivered: number } {
  const counted = { store, delivered: 0 };
  counted.store = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'subscribe') return Reflect.get(target, property, receiver) as unknown;
      return (options: SubscribeOptions) => {
        const subscription = target.subscribe(options);
        return Object.assign(Object.create(subscription) as typeof subscription, {
          async *[Symbol.asyncIterator]() {
            for await (const event of subscription) {
              counted.delivered += 1;
              yield event;
            }
          },
        });
      };
    },
  });
  return counted;
}

async function readAll(store: EventStore, options: ReadAllOptions = {}): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll(options)) events.push(event);
  return events;
}

describe.each<StoreKind>(['sqlite', 'postgres'])('persisted followers on %s', (kind) => {
  it('a restart loads the roster at its checkpoint and reads only the events stored since; it equals a fold of the whole history', async () => {
    const url = storeUrl(kind, folder, `roster_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const days = simulatedDays(17, 45);
    try {
      await writeDays(store, days.slice(0, 30));
      const rosterEvents = async (): Promise<StoredEvent[]> => readAll(store, { filter: { eventTypes: ROSTER_EVENT_TYPES } });
      const folded = async (): Promise<RosterReadModel> => {
        const roster = new RosterReadModel();
        for (const event of await rosterEvents()) roster.apply(event);
        return roster;
      };

      const first = counting(store);
      const readModels = await openReadModelStore(url);
      const follower = new PersistedFollower(ROSTER_PROJECTION);
      follower.start(first.store, readModels);
      await follower.whenCaughtUp();
      const before = await rosterEvents();
      expect(first.delivered).toBe(before.length);
      expect(new RosterView(follower.documents()!).list()).toEqual((await folded()).list());
      expect(follower.status()).toMatchObject({ state: 'live', role: 'writer', eventsRead: before.length });
      await follower.stop();
      await readModels.close();

      // The next days are stored while nobody runs; the next boot reads those alone.
      await writeDays(store, days.slice(30));
      const after = await rosterEvents();
      expect(after.length).toBeGreaterThan(before.length);
      const second = counting(store);
      const reopened = await openReadModelStore(url);
      const restarted = new PersistedFollower(ROSTER_PROJECTION);
      try {
        restarted.start(second.store, reopened);
        await restarted.whenCaughtUp();
        expect(second.delivered).toBe(after.length - before.length);
        const roster = new RosterView(restarted.documents()!);
        const expected = await folded();
        expect(roster.list()).toEqual(expected.list());
        expect(roster.lastRoundRobinChoice).toBe(expected.lastRoundRobinChoice);
        expect(roster.leastLoaded('hunter')).toEqual(expected.leastLoaded('hunter'));
        expect(restarted.status()).toMatchObject({ state: 'live', eventsRead: after.length });
        // And it follows what comes next, up to the event a router waits for.
        const metadata = { correlationId: 'c-new', causationId: null, actor: { userId: 'rop-1', role: 'head-of-sales' } };
        const { position } = await store.append('rep-h-new', [{ type: 'RepJoined', data: { repId: 'h-new', name: 'Новый', role: 'hunter', capacity: 1 }, metadata }], {
          expectedRevision: 'no-stream',
        });
        await restarted.whenCaughtUpTo(position);
        expect(roster.get('h-new')).toMatchObject({ role: 'hunter', load: 0 });
      } finally {
        await restarted.stop();
        await reopened.close();
      }
    } finally {
      await store.close();
    }
  });

  it('a follower of rare event types persists how far it looked when it went live: a restart does not read the history after its last event again', async () => {
    const url = storeUrl(kind, folder, `rare_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    // RepJoined only: the simulated department hires on its first day, then stores thousands of other events.
    const joined = defineProjection({
      name: 'reps-joined',
      version: 1,
      description: 'the reps who joined (a test follower of one rare type)',
      collections: ['reps'],
      on: { RepJoined: (documents, { data }) => documents.put('reps', data.repId, { repId: data.repId }) },
    });
    const { store: watchedStore, froms: startsFrom } = watched(store);
    try {
      await writeDays(store, simulatedDays(17, 20));
      const all = await readAll(store);
      const lastJoined = all.filter((event) => event.type === 'RepJoined').at(-1)!.position;
      const head = all.at(-1)!.position;
      expect(all.length - all.findIndex((event) => event.position === lastJoined)).toBeGreaterThan(500);

      const readModels = await openReadModelStore(url);
      const follower = new PersistedFollower(joined);
      follower.start(watchedStore, readModels);
      await follower.whenCaughtUp();
      expect(follower.status()).toMatchObject({ state: 'live', role: 'writer', position: encodePosition(head) });
      await follower.stop();
      const [build] = (await readModels.builds('reps-joined')).filter((each) => each.status === 'active');
      expect(build!.checkpoint).toEqual(head);
      expect(build!.eventsApplied).toBe(all.filter((event) => event.type === 'RepJoined').length);
      await readModels.close();

      const reopened = await openReadModelStore(url);
      const restarted = new PersistedFollower(joined);
      try {
        restarted.start(watchedStore, reopened);
        await restarted.whenCaughtUp();
        // The first subscription read from the start; the restart from the head, not from the last RepJoined.
        expect(startsFrom).toEqual(['start', head]);
        expect([...restarted.documents()!.values('reps')]).toHaveLength(build!.eventsApplied);
      } finally {
        await restarted.stop();
        await reopened.close();
      }
    } finally {
      await store.close();
    }
  });

  it('an app restarted on the same store routes by the persisted roster and finds duplicates by the persisted identities; an erased lead stays forgotten', async () => {
    const first = await startTestApp(kind);
    const head = await first.token('head-of-sales', 'rop-1');
    const lg = await first.token('lead-generator', 'lg-ivan');
    const email = `persisted-${Math.random().toString(36).slice(2, 8)}@romashka.ru`;
    const erasedEmail = `erased-${Math.random().toString(36).slice(2, 8)}@romashka.ru`;
    let keptLead: string;
    try {
      const join = await first.request('POST', '/team/reps', { token: head, body: { repId: 'lg-olga', name: 'Ольга', role: 'lead-generator', capacity: 50 } });
      expect(join.status).toBe(201);
      const capture = (contactEmail: string) => first.request('POST', '/leads', { token: lg, body: { ...newLead, company: { name: 'ООО «Ромашка»' }, contact: { ...newLead.contact, email: contactEmail } } });
      const kept = await capture(email);
      const erased = await capture(erasedEmail);
      expect([kept.status, erased.status]).toEqual([201, 201]);
      keptLead = kept.body.leadId;
      const erase = await first.request('POST', `/privacy/subjects/lead-${erased.body.leadId}/erase`, { token: head, body: { reason: 'data-subject-request' } });
      expect(erase.status).toBe(200);
      // Routed by the roster: the one lead generator takes both.
      await eventually(async () => (await first.events(`lead-${keptLead}`)).some((event) => event.type === 'LeadAssigned'));
      // The import waits until every lead stored is in the identities: the erased one is not.
      const check = await first.request('POST', '/leads/import', { token: lg, body: [{ company: 'Повтор', email }] });
      expect(check.body).toMatchObject({ imported: 0, duplicates: [{ row: 1, existingLeadId: keptLead, matchedOn: 'email' }] });
    } finally {
      await first.close();
    }

    const second = await startTestApp(kind, first.url);
    try {
      await eventually(async () => (await second.request('GET', '/health/ready')).status === 200);
      const health = await second.request('GET', '/health/ready');
      expect(health.body).toMatchObject({ roster: { state: 'live', role: 'writer' }, leadIdentity: { state: 'live', role: 'writer' } });
      const lg2 = await second.token('lead-generator', 'lg-ivan');
      const head2 = await second.token('head-of-sales', 'rop-1');
      const team = await second.request('GET', '/team/reps', { token: head2 });
      expect(team.body).toEqual(expect.arrayContaining([expect.objectContaining({ repId: 'lg-olga', load: 2 })]));
      const rows = [
        { company: 'Повтор', email: email.toUpperCase() },
        { company: 'После стирания', email: erasedEmail },
      ];
      const imported = await second.request('POST', '/leads/import', { token: lg2, body: rows });
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ imported: 1, duplicates: [{ row: 1, existingLeadId: keptLead!, matchedOn: 'email' }], leads: [{ row: 2 }] });
      // The new lead is routed by the roster the restart loaded: to the same lead generator, now with three.
      const newLeadId = imported.body.leads[0].leadId as string;
      await eventually(async () => (await second.events(`lead-${newLeadId}`)).some((event) => event.type === 'LeadAssigned' && (event.data as { leadGeneratorId: string }).leadGeneratorId === 'lg-olga'));

      // The identities are kept as keyed hashes: neither e-mail is in the read models' tables.
      const stored = kind === 'sqlite' ? readModelFiles(second.url) : await readModelRows(second.url);
      expect(stored).toContain('lead-identity');
      expect(stored).not.toContain(email);
      expect(stored).not.toContain(erasedEmail);
    } finally {
      await second.close();
    }
  });
});

/** Every read-model file beside a SQLite store, as text (WAL included). */
function readModelFiles(storeUrl: string): string {
  const path = storeUrl.replace(/^sqlite:/, '');
  const dir = path.slice(0, path.lastIndexOf('/'));
  return readdirSync(dir)
    .filter((name) => join(dir, name) !== path && !name.startsWith('store.db'))
    .map((name) => readFileSync(join(dir, name)).toString('latin1') + readFileSync(join(dir, name)).toString('utf8'))
    .join('\n');
}

/** The read models' rows of a PostgreSQL schema, as text. */
async function readModelRows(storeUrl: string): Promise<string> {
  const url = new URL(storeUrl);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const builds = await client.query(`SELECT projection FROM "${schema}".rm_builds`);
    const documents = await client.query(`SELECT collection, key, doc::text AS doc FROM "${schema}".rm_documents`);
    return JSON.stringify([builds.rows, documents.rows]);
  } finally {
    await client.end();
  }
}
