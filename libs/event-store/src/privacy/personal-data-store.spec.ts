import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freshSchemaName, testDatabaseUrl } from '../../../../test/support/postgres';
import { eventually } from '../../../../test/support/eventually';
import { anEvent, collect } from '../conformance/event-store.conformance';
import { PersonalDataErasedError, PersonalDataKeysError } from '../event-store.errors';
import type { StoredEvent, SubscriptionStatus } from '../event-store.port';
import { openPersonalDataStore, rotatePrivacyMasterKey } from '../open-event-store';
import type { PersonalDataStore } from './personal-data-store';
import { SEALED_MEMBER, sealedOf, type SealedPersonalData } from './personal-data-envelope';

const folder = mkdtempSync(join(tmpdir(), 'personal-data-'));
let files = 0;

const CONTACT = { name: 'Иван Петров', email: 'ivan.petrov@example.ru', phone: '+7 916 555-12-34' };
const TAX_ID = '771234567890';
const NOTE = 'Перезвонить Ивану после обеда';
const CLEAR_VALUES = [CONTACT.name, CONTACT.email, CONTACT.phone, TAX_ID, NOTE];

const captured = (leadId: string) =>
  anEvent('LeadCaptured', { leadId, company: { name: 'ИП Петров', taxId: TAX_ID }, contact: CONTACT, source: 'manual' });
const attempted = (leadId: string, note?: string) =>
  anEvent('LeadContactAttempted', { leadId, attemptNumber: 1, channel: 'call', outcome: 'reached', ...(note ? { note } : {}) });

interface Target {
  readonly name: string;
  /** A fresh storage: its URL. */
  fresh(): string;
  /** Every byte the storage holds, as text: the file, or the schema's rows. */
  rawText(url: string): Promise<string>;
  /** The stored events' rows, as text. */
  eventRows(url: string): Promise<string>;
  dropKeyTable(url: string): Promise<void>;
}

const sqlite: Target = {
  name: 'SQLite',
  fresh: () => `sqlite:${join(folder, `store-${++files}.db`)}`,
  async rawText(url) {
    const path = url.slice('sqlite:'.length);
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = db.prepare('SELECT data, metadata FROM es_events').all() as Array<{ data: string; metadata: string }>;
    db.close();
    return rows.map((row) => row.data + row.metadata).join('\n') + readFileSync(path).toString('utf8');
  },
  async eventRows(url) {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    const rows = db.prepare('SELECT * FROM es_events ORDER BY 1').all();
    db.close();
    return JSON.stringify(rows);
  },
  async dropKeyTable(url) {
    const db = new Database(url.slice('sqlite:'.length));
    db.exec('DROP TABLE privacy_keys; DROP TABLE privacy_meta; DROP TABLE privacy_owners');
    db.close();
  },
};

const postgres: Target = {
  name: 'PostgreSQL',
  fresh: () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('schema', freshSchemaName('pii'));
    return url.toString();
  },
  async rawText(url) {
    const schema = new URL(url).searchParams.get('schema')!;
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ text: string }>(`SELECT data::text || metadata::text AS text FROM "${schema}".es_events ORDER BY 1`);
      return rows.map((row) => row.text).join('\n');
    } finally {
      await client.end();
    }
  },
  async eventRows(url) {
    return this.rawText(url);
  },
  async dropKeyTable(url) {
    const schema = new URL(url).searchParams.get('schema')!;
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP TABLE "${schema}".privacy_keys, "${schema}".privacy_meta, "${schema}".privacy_owners`);
    await client.end();
  },
};

describe.each([sqlite, postgres])('the personal-data layer on $name', (target) => {
  const masterKey = randomBytes(32);
  const opened: PersonalDataStore[] = [];
  const open = async (url: string, key = masterKey) => {
    const store = await openPersonalDataStore(url, { masterKey: key, poolSize: 4 });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
  });

  it('stores personal fields sealed, never in clear, and reads them back opened', async () => {
    const url = target.fresh();
    const store = await open(url);
    await store.append('lead-L1', [captured('L1'), attempted('L1', NOTE)], { expectedRevision: 'no-stream' });

    const raw = await target.rawText(url);
    for (const value of CLEAR_VALUES) expect(raw).not.toContain(value);
    expect(raw).toContain('ИП Петров'); // a company's name is not personal data: stored as it is

    const [lead, attempt] = await collect(store.readStream('lead-L1'));
    expect(lead!.data).toEqual({ leadId: 'L1', company: { name: 'ИП Петров', taxId: TAX_ID }, contact: CONTACT, source: 'manual' });
    expect(attempt!.data).toMatchObject({ note: NOTE });
    expect(lead!.erasedFields).toBeUndefined();

    const sealed = sealedOf((await collect(store.withView('sealed').readAll()))[0]!.data)!;
    expect(sealed).toMatchObject({ s: 'lead-L1', f: ['company.taxId', 'contact.name', 'contact.email', 'contact.phone'] });
    expect(typeof sealed.ct).toBe('string');
  });

  it('seals a retried append to the same bytes: an idempotent re-append writes nothing', async () => {
    const store = await open(target.fresh());
    const event = { ...captured('L2'), eventId: '01890f9c-6a55-7cc4-9a4b-4fd1f7c3a001' };
    expect((await store.append('lead-L2', [event], { expectedRevision: 'no-stream' })).written).toBe(true);
    expect((await store.append('lead-L2', [event], { expectedRevision: 'any' })).written).toBe(false);
    expect(await collect(store.readStream('lead-L2'))).toHaveLength(1);
  });

  it("stores a new lead's key with its first events, and answers a capture retried from another process as the first time", async () => {
    const url = target.fresh();
    const first = await open(url);
    const event = { ...captured('L9'), eventId: '01890f9c-6a55-7cc4-9a4b-4fd1f7c3a009' };
    expect((await first.append('lead-L9', [event], { expectedRevision: 'no-stream' })).written).toBe(true);
    expect(await first.keys.erasedAt('lead-L9')).toBeUndefined();
    // Another process, which does not know the key, retries the same capture: nothing is written, no error.
    const second = await open(url);
    expect((await second.append('lead-L9', [event], { expectedRevision: 'no-stream' })).written).toBe(false);
    expect((await collect(second.readStream('lead-L9')))[0]!.data).toMatchObject({ contact: CONTACT });
    // A capture of a lead whose subject is erased (a tombstone, no key) takes no personal data.
    await second.keys.erase('lead-L10');
    const third = await open(url);
    await expect(third.append('lead-L10', [captured('L10')], { expectedRevision: 'no-stream' })).rejects.toThrow(PersonalDataErasedError);
    expect(await collect(third.readStream('lead-L10'))).toHaveLength(0);
  });

  it("gives a deal, its account and their tasks the subject of the lead they came from", async () => {
    const store = await open(target.fresh());
    await store.append('lead-L3', [captured('L3')], { expectedRevision: 'no-stream' });
    await store.append('deal-D3', [anEvent('DealOpened', { dealId: 'D3', leadId: 'L3', hunterId: 'h', company: { name: 'x' }, contact: {}, estimatedValue: { amount: 1, currency: 'RUB' } })], { expectedRevision: 'no-stream' });
    await store.append('deal-D3', [anEvent('MeetingHeld', { dealId: 'D3', meetingId: 'm', outcome: 'positive', notes: NOTE })], { expectedRevision: 'any' });
    await store.append('account-A3', [anEvent('AccountOpened', { accountId: 'A3', dealId: 'D3', company: { name: 'x' }, contact: { email: CONTACT.email }, openingRevenue: { amount: 1, currency: 'RUB' }, rule: 'named', candidates: [], skipped: [] })], { expectedRevision: 'no-stream' });
    await store.append('task-T3', [anEvent('AssistantTaskRequested', { taskId: 'T3', kind: 'report', accountId: 'A3', requesterId: 'f', dueAt: '2026-01-01T00:00:00.000Z', note: NOTE })], { expectedRevision: 'no-stream' });
    await store.append('task-T4', [anEvent('AssistantTaskRequested', { taskId: 'T4', kind: 'report', requesterId: 'f', dueAt: '2026-01-01T00:00:00.000Z', note: NOTE })], { expectedRevision: 'no-stream' });
    const subjects = (await collect(store.withView('sealed').readAll())).map((event) => sealedOf(event.data)?.s);
    expect(subjects).toEqual(['lead-L3', undefined, 'lead-L3', 'lead-L3', 'lead-L3', 'task-T4']);
  });

  it('reads an erased subject\'s fields as erased in every view, keeps the rest, and refuses new personal data for it', async () => {
    const url = target.fresh();
    const store = await open(url);
    await store.append('lead-L5', [captured('L5'), attempted('L5', NOTE)], { expectedRevision: 'no-stream' });
    await store.append('lead-L6', [captured('L6')], { expectedRevision: 'no-stream' });

    expect((await store.keys.erase('lead-L5')).erasedNow).toBe(true);
    expect((await store.keys.erase('lead-L5')).erasedNow).toBe(false);

    const [lead, attempt] = await collect(store.readStream('lead-L5'));
    expect(lead!.data).toEqual({ leadId: 'L5', company: { name: 'ИП Петров' }, contact: {}, source: 'manual' });
    expect(lead!.erasedFields).toEqual(['company.taxId', 'contact.name', 'contact.email', 'contact.phone']);
    expect(attempt!.data).toEqual({ leadId: 'L5', attemptNumber: 1, channel: 'call', outcome: 'reached' });
    expect(attempt!.erasedFields).toEqual(['note']);
    // Another subject is untouched.
    expect((await collect(store.readStream('lead-L6')))[0]!.data).toMatchObject({ contact: CONTACT });

    const published = (await collect(store.withView('sealed').readStream('lead-L5')))[0]!.data as Record<string, unknown>;
    expect(published[SEALED_MEMBER]).toEqual({ s: 'lead-L5', f: ['company.taxId', 'contact.name', 'contact.email', 'contact.phone'], erased: true } satisfies SealedPersonalData);
    const omitted = (await collect(store.withView('omit').readStream('lead-L5')))[0]!;
    expect(omitted.data).toEqual({ leadId: 'L5', company: { name: 'ИП Петров' }, contact: {}, source: 'manual' });

    const before = await store.headPosition();
    await expect(store.append('lead-L5', [attempted('L5', 'новая заметка')], { expectedRevision: 'any' })).rejects.toThrow(PersonalDataErasedError);
    await expect(store.append('lead-L5', [attempted('L5', 'новая заметка')], { expectedRevision: 'any' })).rejects.toMatchObject({ field: 'note', subjectId: 'lead-L5' });
    expect(await store.headPosition()).toEqual(before);
    // What holds no personal data is still taken.
    await store.append('lead-L5', [attempted('L5')], { expectedRevision: 'any' });
  });

  it("learns another instance's erasure: its readers stop opening the subject's fields", async () => {
    const url = target.fresh();
    const first = await open(url);
    const second = await open(url);
    await first.append('lead-L7', [captured('L7')], { expectedRevision: 'no-stream' });
    expect((await collect(second.readStream('lead-L7')))[0]!.data).toMatchObject({ contact: CONTACT });
    await first.keys.erase('lead-L7');
    await eventually(async () => (await collect(second.readStream('lead-L7')))[0]!.erasedFields?.length === 4, { what: 'the second instance to read lead-L7 as erased' });
    expect((await collect(second.readStream('lead-L7')))[0]!.data).toMatchObject({ contact: {} });
  });

  it('opens events a subscription delivers, and says it is live only after the events before that', async () => {
    const store = await open(target.fresh());
    for (let lead = 0; lead < 30; lead++) await store.append(`lead-S${lead}`, [captured(`S${lead}`)], { expectedRevision: 'no-stream' });
    const statuses: Array<{ status: SubscriptionStatus; delivered: number }> = [];
    const delivered: StoredEvent[] = [];
    const subscription = store.subscribe({ from: 'start', batchSize: 7, onStatus: (status) => statuses.push({ status, delivered: delivered.length }) });
    for await (const event of subscription) {
      delivered.push(event);
      if (delivered.length === 31) break;
      if (delivered.length === 30) void store.append('lead-S30', [captured('S30')], { expectedRevision: 'no-stream' });
    }
    await subscription.close();
    expect(delivered.map((event) => (event.data as { contact: unknown }).contact)).toEqual(Array(31).fill(CONTACT));
    const live = statuses.find((each) => each.status.state === 'live')!;
    expect(live.delivered).toBe(30);
    expect(live.status.position).toEqual(delivered[29]!.position);
  });

  it('rotates the master key: every key re-wrapped in one go, the events untouched and still opened', async () => {
    const url = target.fresh();
    const store = await open(url);
    for (const lead of ['R1', 'R2', 'R3']) await store.append(`lead-${lead}`, [captured(lead)], { expectedRevision: 'no-stream' });
    await store.keys.erase('lead-R3');
    await store.close();
    const rowsBefore = await target.eventRows(url);

    const newKey = randomBytes(32);
    await expect(rotatePrivacyMasterKey(url, randomBytes(32), newKey)).rejects.toThrow(/does not open .* nothing was changed/);
    expect(await rotatePrivacyMasterKey(url, masterKey, newKey)).toBe(2);
    expect(await target.eventRows(url)).toBe(rowsBefore);

    await expect(openPersonalDataStore(url, { masterKey })).rejects.toThrow(PersonalDataKeysError);
    const rotated = await open(url, newKey);
    expect((await collect(rotated.readStream('lead-R1')))[0]!.data).toMatchObject({ contact: CONTACT });
    expect((await collect(rotated.readStream('lead-R3')))[0]!.erasedFields).toHaveLength(4);
    // The lookup key went along: the same value hashes the same under the new master key.
    expect(rotated.keys.lookupHash('email', CONTACT.email)).toBe(store.keys.lookupHash('email', CONTACT.email));
  });

  it('refuses to start with a master key that does not open the keys, or without the key table its sealed data needs', async () => {
    const url = target.fresh();
    const store = await open(url);
    await store.append('lead-L8', [captured('L8')], { expectedRevision: 'no-stream' });
    await store.close();

    await expect(openPersonalDataStore(url, { masterKey: randomBytes(32) })).rejects.toThrow(PersonalDataKeysError);
    await expect(openPersonalDataStore(url, { masterKey: randomBytes(32) })).rejects.toThrow(/PRIVACY_MASTER_KEY does not open/);

    await target.dropKeyTable(url);
    await expect(openPersonalDataStore(url, { masterKey })).rejects.toThrow(/holds encrypted personal data but its key table .* is missing/);
    // Nothing was written by the refused starts: the key table is not re-created with new keys.
    await expect(openPersonalDataStore(url, { masterKey })).rejects.toThrow(PersonalDataKeysError);
  });
});
