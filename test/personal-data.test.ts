/**
 * Personal data end to end, on SQLite and PostgreSQL with Kafka (issue 16): random departments' histories through
 * the API with random erasures (fast-check). After each run, no byte of any personal value is anywhere it must not
 * be — the store's tables and files, the read models, the Kafka topics read back, the logs — and no erased value is
 * anywhere at all (GET /events, the views, the CLI's export); what is kept still reads back through the API; every
 * count and amount of the KPIs is the same after the erasures, and in a rebuild.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { parseEventStoreUrl } from '#libs/event-store';
import { allTopics } from '#libs/messaging';
import type { LogSink } from '#libs/platform';
import { ReadModelsHost } from '#libs/sales-insights';
import { exportHistory } from '../apps/cli/src/export.command';
import { eventually } from './support/eventually';
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { freshTopicPrefix, testKafkaBrokers } from './support/kafka';
import { testDatabaseUrl } from './support/postgres';
import { qualification } from './support/story';

type Path = 'disqualify' | 'deal' | 'account';

interface Person {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly taxId: string;
  readonly note: string;
}

/** Values no other part of the test (or of the system) could write: found anywhere, they came from this person. */
const digits = (count: number): string => Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
const newPerson = (): Person => {
  const token = randomBytes(6).toString('hex');
  return {
    name: `Контакт ${token}`,
    email: `p${token}@mail.example`,
    phone: `+7 (9${digits(2)}) ${digits(3)}-${digits(2)}-${digits(2)}`,
    taxId: `7${digits(11)}`,
    note: `Заметка ${token}`,
  };
};
const valuesOf = (person: Person): string[] => [person.name, person.email, person.phone, person.taxId, person.note];

/** Every log line the app writes (JSON, the requests' and the app's own), to look for personal data in. */
class CapturingLogger implements LogSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
}

/** All that the storage holds, as text: every row of every table, and (SQLite) the bytes of its files. */
async function storageText(kind: StoreKind, storeUrl: string, readModelUrl: string): Promise<string> {
  if (kind === 'sqlite') {
    const texts: string[] = [];
    for (const url of [storeUrl, readModelUrl]) {
      const path = (parseEventStoreUrl(url) as { path: string }).path;
      const db = new Database(path, { readonly: true });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
      for (const { name } of tables) texts.push(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()));
      db.close();
      for (const file of [path, `${path}-wal`]) if (existsSync(file)) texts.push(readFileSync(file).toString('utf8'));
    }
    return texts.join('\n');
  }
  const schema = new URL(storeUrl).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const texts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table_name}" t`);
      texts.push(...rows.map((row) => row.row));
    }
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(['es_events', 'privacy_keys']));
    return texts.join('\n');
  } finally {
    await client.end();
  }
}

/** Every message of the deployment's topics, read back from the beginning to their ends: values and headers. */
async function topicsText(prefix: string): Promise<{ text: string; messages: Array<{ topic: string; type: string; value: string }> }> {
  const kafka = new Kafka({ clientId: 'personal-data-test', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  const existing = new Set(await admin.listTopics());
  for (const topic of allTopics(prefix)) {
    if (!existing.has(topic)) continue;
    for (const partition of await admin.fetchTopicOffsets(topic)) if (Number(partition.high) > 0) ends.set(`${topic}/${partition.partition}`, Number(partition.high));
  }
  await admin.disconnect();
  const messages: Array<{ topic: string; type: string; value: string }> = [];
  const texts: string[] = [];
  if (ends.size === 0) return { text: '', messages };
  const consumer = kafka.consumer({ groupId: `personal-data-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...new Set([...ends.keys()].map((key) => key.slice(0, key.lastIndexOf('/'))))], fromBeginning: true });
  const remaining = new Map(ends);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`topics not read to their ends: ${JSON.stringify([...remaining])}`)), 30_000);
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`);
        texts.push(message.value?.toString() ?? '', message.key?.toString() ?? '', ...headers);
        messages.push({ topic, type: String(message.headers?.ce_type ?? ''), value: message.value?.toString() ?? '' });
        const key = `${topic}/${partition}`;
        if (Number(message.offset) + 1 >= (remaining.get(key) ?? Infinity)) remaining.delete(key);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return { text: texts.join('\n'), messages };
}

async function exportText(app: TestApp, format: 'ndjson' | 'csv'): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'personal-data-export-')), `events.${format}`);
  await exportHistory({ format, out }, app.store, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return readFileSync(out, 'utf8');
}

/** One for the file: the JSON logger is one per process (nestjs-pino keeps its first), so both apps write here. */
const logger = new CapturingLogger();

describe.each<StoreKind>(['sqlite', 'postgres'])('personal data on %s, with Kafka', (kind) => {
  const prefix = freshTopicPrefix();
  let app: TestApp;
  let readModelUrl: string;
  const everyone: Person[] = [];
  const erased: Person[] = [];
  const erasedSubjects: string[] = [];

  beforeAll(async () => {
    app = await startTestApp(kind, undefined, { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '1' }, { logger });
    readModelUrl = app.running.config.readModelUrl;
    const head = await app.token('head-of-sales', 'rop-1');
    for (const [repId, role] of [['lg-ivan', 'lead-generator'], ['h-anna', 'hunter'], ['f-fedor', 'farmer']]) {
      expect((await app.request('POST', '/team/reps', { token: head, body: { repId, name: repId, role, capacity: 1000 } })).status).toBe(201);
    }
    await eventually(async () => ((await app.request('GET', '/team/reps', { token: head })).body as unknown[]).length === 3);
  });
  afterAll(() => app?.close());

  const ok = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await app.request(method, path, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** One lead's history through the API, its person's values in every personal field it passes. */
  async function live(person: Person, path: Path): Promise<{ leadId: string; dealId?: string; accountId?: string }> {
    const [head, ivan, anna, fedor] = await Promise.all([
      app.token('head-of-sales', 'rop-1'),
      app.token('lead-generator', 'lg-ivan'),
      app.token('hunter', 'h-anna'),
      app.token('farmer', 'f-fedor'),
    ]);
    const { leadId } = await ok(ivan, 'POST', '/leads', {
      company: { name: 'ООО «Клиент»', taxId: person.taxId },
      contact: { name: person.name, email: person.email, phone: person.phone },
      estimatedValue: { amount: 100_000, currency: 'RUB' },
    });
    await ok(head, 'POST', `/leads/${leadId}/assign`, { leadGeneratorId: 'lg-ivan' });
    await ok(ivan, 'POST', `/leads/${leadId}/contact-attempts`, { channel: 'call', outcome: 'reached', note: person.note });
    if (path === 'disqualify') {
      await ok(ivan, 'POST', `/leads/${leadId}/disqualify`, { reason: 'no-budget', note: person.note });
      return { leadId };
    }
    await ok(ivan, 'POST', `/leads/${leadId}/qualify`, qualification);
    const { dealId } = await ok(ivan, 'POST', `/leads/${leadId}/hand-off`, { hunterId: 'h-anna' });
    await eventually(async () => (await app.request('GET', `/deals/${dealId}`, { token: anna })).status === 200);
    const meeting = await ok(anna, 'POST', `/deals/${dealId}/meetings`, { scheduledFor: '2099-02-01T09:00:00.000Z', kind: 'discovery' });
    await ok(anna, 'POST', `/deals/${dealId}/meetings/${meeting.meetingId}/held`, { outcome: 'positive', notes: person.note });
    if (path === 'deal') {
      await ok(anna, 'POST', `/deals/${dealId}/lose`, { reason: 'price', note: person.note });
      return { leadId, dealId };
    }
    const { accountId } = await ok(anna, 'POST', `/deals/${dealId}/win`, { amount: { amount: 120_000, currency: 'RUB' } });
    await eventually(async () => (await app.request('GET', `/accounts/${accountId}`, { token: fedor })).status === 200);
    await ok(fedor, 'POST', `/accounts/${accountId}/touchpoints`, { kind: 'qbr', satisfaction: 8, note: person.note });
    return { leadId, dealId, accountId };
  }

  /**
   * Until the read models have applied every event stored: on PostgreSQL the head a reader sees can lag a commit
   * for a moment (an older transaction of another session still open, such as a rate-limit count's), so the head
   * is asked again until it no longer moves.
   */
  async function readModelsCaughtUp(): Promise<void> {
    for (let previous: unknown = undefined; ; ) {
      const head = await app.store.headPosition();
      if (head !== 'start') await app.running.app.get(ReadModelsHost).whenCaughtUpTo(head);
      if (JSON.stringify(head) === JSON.stringify(previous)) return;
      previous = head;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const kpis = async () => {
    await readModelsCaughtUp();
    const head = await app.token('head-of-sales', 'rop-1');
    const { generatedAt: _generatedAt, position: _position, ...report } = await ok(head, 'GET', `/kpis?groupBy=rep&to=${encodeURIComponent('2100-01-01T00:00:00.000Z')}`);
    return report;
  };

  it('leaves no personal value where it must not be, no erased value anywhere, and every KPI as it was', async () => {
    const lead = fc.record({ path: fc.constantFrom<Path>('disqualify', 'deal', 'account'), erase: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(lead, { minLength: 2, maxLength: 4 }), async (leads) => {
        const linesBefore = logger.lines.length;
        const head = await app.token('head-of-sales', 'rop-1');
        const lived = [];
        for (const each of leads) {
          const person = newPerson();
          everyone.push(person);
          lived.push({ ...each, person, ...(await live(person, each.path)) });
        }
        const before = await kpis();

        for (const each of lived.filter((one) => one.erase)) {
          const answer = await ok(head, 'POST', `/privacy/subjects/lead-${each.leadId}/erase`, { reason: 'data-subject-request' });
          expect(answer).toMatchObject({ subjectId: `lead-${each.leadId}`, erasedNow: true });
          expect(await ok(head, 'POST', `/privacy/subjects/lead-${each.leadId}/erase`, { reason: 'data-subject-request' })).toMatchObject({ erasedNow: false });
          erased.push(each.person);
          erasedSubjects.push(`lead-${each.leadId}`);
        }
        // Counts and amounts do not depend on who the people were.
        expect(await kpis()).toEqual(before);

        // The views: an erased subject's fields are null and say so, a kept one's read back.
        for (const each of lived) {
          const view = await ok(head, 'GET', `/leads/${each.leadId}`);
          expect(view.personalData).toMatchObject({ subjectId: `lead-${each.leadId}`, erased: each.erase });
          expect(view.contact).toEqual(each.erase ? { name: null, email: null, phone: null } : { name: each.person.name, email: each.person.email, phone: each.person.phone });
          expect(view.company).toEqual({ name: 'ООО «Клиент»', taxId: each.erase ? null : each.person.taxId });
          if (each.accountId) {
            const account = await ok(head, 'GET', `/accounts/${each.accountId}`);
            expect(account.personalData).toMatchObject({ subjectId: `lead-${each.leadId}`, erased: each.erase });
          }
          expect(await ok(head, 'GET', `/privacy/subjects/lead-${each.leadId}`)).toMatchObject({ erased: each.erase });
        }

        // The history as people and services read it (GET /events, the CLI's export): kept values, never erased ones.
        const events = await app.request('GET', '/events', { token: head });
        expect(events.status).toBe(200);
        const exported = await exportText(app, 'ndjson');
        const csv = await exportText(app, 'csv');
        for (const text of [String(events.body), exported, csv]) {
          for (const person of erased) for (const value of valuesOf(person)) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
          for (const person of everyone.filter((one) => !erased.includes(one))) for (const value of valuesOf(person)) expect({ value, found: text.includes(value) }).toEqual({ value, found: true });
        }
        if (erased.length > 0) {
          expect(String(events.body)).toContain('"erased":true');
          expect(exported).toContain('"erasedFields":["company.taxId","contact.name","contact.email","contact.phone"]');
          expect(csv).toContain('"company.taxId,contact.name,contact.email,contact.phone"\r\n');
        }

        // Where nobody reads personal data in clear: not one value of anybody, erased or kept.
        const stored = await storageText(kind, app.url, readModelUrl);
        for (const person of everyone) for (const value of valuesOf(person)) expect({ where: 'storage', value, found: stored.includes(value) }).toEqual({ where: 'storage', value, found: false });
        expect(stored).toContain('ООО «Клиент»'); // the scan reads the rows (a company's name is kept in clear)

        const storedCount = (await app.events()).length;
        await eventually(async () => ((await app.request('GET', '/health')).body as { kafkaRelay: { eventsPublished: number } }).kafkaRelay.eventsPublished >= storedCount, { what: 'the relay to publish every event' });
        const topics = await topicsText(prefix);
        expect(topics.messages.length).toBeGreaterThanOrEqual(storedCount);
        for (const person of everyone) for (const value of valuesOf(person)) expect({ where: 'kafka', value, found: topics.text.includes(value) }).toEqual({ where: 'kafka', value, found: false });
        const erasures = topics.messages.filter((message) => message.type === 'PersonalDataErased');
        expect(new Set(erasures.map((message) => message.topic))).toEqual(erased.length > 0 ? new Set([`${prefix}sales.privacy.v1`]) : new Set());
        // One message for each erasure (of this run and the runs before), however often it was asked for.
        expect(erasures.map((message) => (JSON.parse(message.value) as { subjectId: string }).subjectId).sort()).toEqual([...erasedSubjects].sort());

        // This run's requests were logged (one line each at least), and no line holds a personal value.
        expect(logger.lines.length).toBeGreaterThan(linesBefore + leads.length);
        const logs = logger.lines.join('\n');
        for (const person of everyone) for (const value of valuesOf(person)) expect({ where: 'logs', value, found: logs.includes(value) }).toEqual({ where: 'logs', value, found: false });

      }),
      { numRuns: 5 },
    );
  }, 300_000);

  it("takes no new personal data for an erased subject, naming the field, and goes on with the rest of the work", async () => {
    const person = newPerson();
    everyone.push(person);
    const { leadId, accountId } = await live(person, 'account');
    const [head, fedor] = await Promise.all([app.token('head-of-sales', 'rop-1'), app.token('farmer', 'f-fedor')]);
    await ok(head, 'POST', `/privacy/subjects/lead-${leadId}/erase`, { reason: 'other' });
    erased.push(person);
    const before = await app.store.headPosition();
    const refused = await app.request('POST', `/accounts/${accountId}/touchpoints`, { token: fedor, body: { kind: 'check-in', note: 'новая заметка' } });
    expect(refused).toMatchObject({ status: 422, body: { code: 'personal-data-erased', field: 'note' } });
    expect(await app.store.headPosition()).toEqual(before);
    expect((await app.request('POST', `/accounts/${accountId}/touchpoints`, { token: fedor, body: { kind: 'check-in' } })).status).toBe(201);
    expect(await ok(head, 'GET', `/accounts/${accountId}`)).toMatchObject({ personalData: { subjectId: `lead-${leadId}`, erased: true } });
    // Unknown subjects and malformed ids are told apart.
    expect(await app.request('POST', '/privacy/subjects/lead-nobody/erase', { token: head, body: { reason: 'other' } })).toMatchObject({ status: 404, body: { code: 'subject-not-found' } });
    expect(await app.request('POST', `/privacy/subjects/deal-x/erase`, { token: head, body: { reason: 'other' } })).toMatchObject({ status: 400, body: { field: 'subjectId' } });
    expect(await app.request('POST', `/privacy/subjects/lead-${leadId}/erase`, { token: head, body: { reason: 'retention' } })).toMatchObject({ status: 400, body: { field: 'reason' } });
  }, 120_000);

  it('rebuilds the read models after erasures to the same KPIs', async () => {
    expect(erased.length + everyone.length).toBeGreaterThan(0);
    const before = await kpis();
    const folder = mkdtempSync(join(tmpdir(), 'personal-data-rebuild-'));
    const rebuiltReadModels = kind === 'sqlite' ? `sqlite:${join(folder, 'read-models.db')}` : (() => {
      const url = new URL(testDatabaseUrl());
      url.searchParams.set('schema', `rebuild_${randomBytes(4).toString('hex')}`);
      return url.toString();
    })();
    const second = await startTestApp(kind, app.url, { READ_MODEL_URL: rebuiltReadModels, DATA_DIR: app.running.config.dataDir });
    try {
      const head = await second.store.headPosition();
      if (head !== 'start') await second.running.app.get(ReadModelsHost).whenCaughtUpTo(head);
      const token = await second.token('head-of-sales', 'rop-1');
      const response = await second.request('GET', `/kpis?groupBy=rep&to=${encodeURIComponent('2100-01-01T00:00:00.000Z')}`, { token });
      const { generatedAt: _generatedAt, position: _position, ...rebuilt } = response.body;
      expect(rebuilt).toEqual(before);
    } finally {
      await second.close();
    }
    expect(readdirSync(folder).length).toBeGreaterThanOrEqual(kind === 'sqlite' ? 1 : 0);
  }, 120_000);
});

describe.each<StoreKind>(['sqlite', 'postgres'])('retention on %s (PRIVACY_RETENTION_DAYS)', (kind) => {
  let app: TestApp;
  afterAll(() => app?.close());

  it("erases a disqualified lead's and a churned account's subject once their days are past, and nothing else", async () => {
    app = await startTestApp(kind, undefined, { PRIVACY_RETENTION_DAYS: '30', PRIVACY_RETENTION_CHECK_SECONDS: '1' });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const metadata = { correlationId: 'retention-test', causationId: null, actor: { userId: 'rop-1', role: 'head-of-sales' } };
    const event = (type: string, data: unknown, at: Date) => ({ type, data, metadata, occurredAt: at });
    const lead = (leadId: string, at: Date) =>
      event('LeadCaptured', { leadId, company: { name: 'ООО «Старый»', taxId: '7707083893' }, contact: { email: `${leadId}@mail.example` }, source: 'manual' }, at);
    // Disqualified 40 days ago: due. Disqualified 5 days ago: kept.
    await app.store.append('lead-old', [lead('old', daysAgo(41)), event('LeadDisqualified', { leadId: 'old', reason: 'no-budget' }, daysAgo(40))], { expectedRevision: 'no-stream' });
    await app.store.append('lead-new', [lead('new', daysAgo(6)), event('LeadDisqualified', { leadId: 'new', reason: 'no-need' }, daysAgo(5))], { expectedRevision: 'no-stream' });
    // A client won long ago, churned 35 days ago: the account's subject is its lead's.
    await app.store.append('lead-won', [lead('won', daysAgo(200))], { expectedRevision: 'no-stream' });
    const company = { name: 'ООО «Старый»' };
    await app.store.append('deal-won', [event('DealOpened', { dealId: 'won', leadId: 'won', hunterId: 'h', company, contact: { name: 'Пётр' }, estimatedValue: { amount: 1, currency: 'RUB' } }, daysAgo(190))], { expectedRevision: 'no-stream' });
    await app.store.append('account-won', [
      event('AccountOpened', { accountId: 'won', dealId: 'won', company, contact: { name: 'Пётр' }, openingRevenue: { amount: 1, currency: 'RUB' }, rule: 'named', candidates: [], skipped: [] }, daysAgo(180)),
      event('AccountChurned', { accountId: 'won', reason: 'ушли' }, daysAgo(35)),
    ], { expectedRevision: 'no-stream' });

    const head = await app.token('head-of-sales', 'rop-1');
    const erased = async (subjectId: string) => (await app.request('GET', `/privacy/subjects/${subjectId}`, { token: head })).body.erased as boolean;
    await eventually(async () => (await erased('lead-old')) && (await erased('lead-won')), {
      what: 'retention to erase lead-old and lead-won',
      state: async () => (await app.request('GET', '/health')).body.privacyRetention,
    });
    expect(await erased('lead-new')).toBe(false);
    // The run that erased them finishes (its record of each erasure, its counts).
    const retention = async () => (await app.request('GET', '/health')).body.privacyRetention;
    await eventually(async () => (await retention()).erased === 2, { what: 'the retention run to count both erasures', state: retention });
    const health = await retention();
    expect(health).toMatchObject({ healthy: true, days: 30, erased: 2, pending: 1 });
    expect(health.state).toMatch(/^(waiting|erasing)$/);

    const erasures = (await app.events()).filter((stored) => stored.type === 'PersonalDataErased');
    expect(erasures.map((stored) => ({ stream: stored.streamId, data: stored.data, actor: stored.metadata.actor })).sort((a, b) => a.stream.localeCompare(b.stream))).toEqual([
      { stream: 'privacy-lead-old', data: { subjectId: 'lead-old', reason: 'retention', retention: { rule: 'disqualified-lead', days: 30 } }, actor: { userId: 'privacy-retention', role: 'service' } },
      { stream: 'privacy-lead-won', data: { subjectId: 'lead-won', reason: 'retention', retention: { rule: 'churned-account', days: 30 } }, actor: { userId: 'privacy-retention', role: 'service' } },
    ]);
    // Every copy of the churned client's contact reads as erased: the lead's, the deal's and the account's.
    const deal = (await app.events('deal-won'))[0]!;
    const account = (await app.events('account-won'))[0]!;
    expect([deal.erasedFields, account.erasedFields]).toEqual([['contact.name'], ['contact.name']]);
    // Another run later changes nothing.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await app.events()).filter((stored) => stored.type === 'PersonalDataErased')).toHaveLength(2);
  }, 60_000);
});
