/**
 * A version 2 of the events each reader of the store acts on, with histories that hold version 1 rows (written
 * straight into the store, as the version 1 code wrote them): every reader must act on them as on version 2.
 * In this test (its modules replaced: the catalogue is the product's otherwise) version 1 of
 *   RepJoined       called `repId` `id`                       (read by the roster: routing);
 *   LeadHandedOff   called `hunterId` `hunter`, `dealId` `deal` (the process manager that opens the deal; queues);
 *   DealWon         called `accountId` `account`, `amount` `value` (opens the account; KPIs; queues);
 *   RepeatSaleWon   called `accountId` `account`, `amount` `value` (promotion to key account; KPIs).
 * The all-in-one app runs on such a store with Kafka; its process managers, followers, read models, GET /events,
 * the relay's CloudEvents, the CLI's export and a replay must all see version 2.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountIdForDeal, currentSchemaVersion, dealIdForLead, rub } from '#libs/contracts';
import { inView, type StoredEvent } from '#libs/event-store';
import { KafkaEventSource } from '#libs/messaging';
import { PROJECTIONS, openReadModelStore } from '#libs/projections';
import { exportHistory } from '../apps/cli/src/export.command';
import { replay } from '../apps/cli/src/replay.command';
import { eventually } from './support/eventually';
import { startTestApp, type TestApp } from './support/http-app';
import { freshTopicPrefix, testKafkaBrokers } from './support/kafka';
import { expectPersistedEqualRebuilt } from './support/projection-fixtures';
import { newLead, qualification } from './support/story';

/** A module's events with `type` at version 2, whose version 1 data `fromV1` brings up to date. */
function withVersion2(modulePath: string, list: string, type: string, fromV1: (data: Record<string, unknown>) => Record<string, unknown>) {
  const actual = jest.requireActual(modulePath);
  const v2 = { ...actual[type], schemaVersion: 2, upcasters: [fromV1] };
  return { ...actual, [type]: v2, [list]: actual[list].map((definition: { type: string }) => (definition.type === type ? v2 : definition)) };
}

jest.mock('../libs/contracts/src/sales-management/rep.events', () =>
  withVersion2('../libs/contracts/src/sales-management/rep.events', 'REP_EVENTS', 'RepJoined', ({ id, ...rest }) => ({ repId: id, ...rest })),
);
jest.mock('../libs/contracts/src/prospecting/lead.events', () =>
  withVersion2('../libs/contracts/src/prospecting/lead.events', 'LEAD_EVENTS', 'LeadHandedOff', ({ hunter, deal, ...rest }) => ({ hunterId: hunter, dealId: deal, ...rest })),
);
jest.mock('../libs/contracts/src/deal-closing/deal.events', () =>
  withVersion2('../libs/contracts/src/deal-closing/deal.events', 'DEAL_EVENTS', 'DealWon', ({ account, value, ...rest }) => ({ accountId: account, amount: value, ...rest })),
);
jest.mock('../libs/contracts/src/account-management/account.events', () =>
  withVersion2('../libs/contracts/src/account-management/account.events', 'ACCOUNT_EVENTS', 'RepeatSaleWon', ({ account, value, ...rest }) => ({ accountId: account, amount: value, ...rest })),
);

const VERSIONED = ['RepJoined', 'LeadHandedOff', 'DealWon', 'RepeatSaleWon'];
const V1_FIELDS = ['id', 'hunter', 'deal', 'account', 'value'];

describe('an app whose store holds version 1 of the events its readers act on', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-schema-readers-'));
  const prefix = freshTopicPrefix();
  let app: TestApp;
  let head: string;
  const ids: { leadId?: string; dealId?: string; accountId?: string } = {};

  /** Appends one event as the version 1 code wrote it, after whatever its stream holds. */
  async function appendV1(streamId: string, type: string, data: Record<string, unknown>, by = { userId: 'v1-code', role: 'service' }): Promise<void> {
    const stream = await app.events(streamId);
    await app.store.append(
      streamId,
      [{ type, schemaVersion: 1, data, metadata: { correlationId: `v1-${type}`, causationId: null, actor: by } }],
      { expectedRevision: stream.length === 0 ? 'no-stream' : stream.at(-1)!.streamRevision },
    );
  }

  async function ok(method: string, path: string, token: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await app.request(method, path, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const queue = async (role: 'lead-generator' | 'hunter' | 'farmer' | 'kam', userId: string): Promise<string[]> =>
    ((await ok('GET', '/queues/me', await app.token(role, userId))).items as Array<{ id: string }>).map((item) => item.id);

  beforeAll(async () => {
    app = await startTestApp('sqlite', undefined, { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix, KEY_ACCOUNT_THRESHOLD: '1000000' });
    head = await app.token('head-of-sales', 'rop-1');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('has version 2 of the four events in its catalogue', () => {
    for (const type of VERSIONED) expect(currentSchemaVersion(type)).toBe(2);
  });

  it('routes to reps who joined at version 1 (the roster), opens the deal of a version 1 handoff and the account of a version 1 win, promotes on a version 1 repeat sale', async () => {
    for (const [id, role] of [['lg-v1', 'lead-generator'], ['hunter-v1', 'hunter'], ['farmer-v1', 'farmer'], ['kam-v1', 'kam']]) {
      await appendV1(`rep-${id}`, 'RepJoined', { id, name: `Rep ${id}`, role, capacity: 50 }, { userId: 'rop-1', role: 'head-of-sales' });
    }
    // Routing (the roster follower and the routing process manager): the one lead generator is lg-v1.
    const lg = await app.token('lead-generator', 'lg-v1');
    const { leadId } = await ok('POST', '/leads', head, newLead);
    ids.leadId = leadId;
    await eventually(async () => (await ok('GET', `/leads/${leadId}`, head)).leadGeneratorId === 'lg-v1', { what: 'the lead routed to lg-v1' });
    await eventually(async () => (await queue('lead-generator', 'lg-v1')).includes(leadId), { what: 'the lead in lg-v1’s queue' });
    await ok('POST', `/leads/${leadId}/contact-attempts`, lg, { channel: 'call', outcome: 'reached' });
    await ok('POST', `/leads/${leadId}/qualify`, lg, qualification);

    // Handoff 1 at version 1: the process manager opens the deal it names, for the hunter it names.
    const dealId = dealIdForLead(leadId);
    ids.dealId = dealId;
    await appendV1(`lead-${leadId}`, 'LeadHandedOff', {
      leadId, hunter: 'hunter-v1', deal: dealId, rule: 'named', candidates: [], skipped: [],
      company: newLead.company, contact: newLead.contact, estimatedValue: newLead.estimatedValue,
    });
    await eventually(async () => (await app.request('GET', `/deals/${dealId}`, { token: head })).status === 200, { what: 'the deal opened' });
    expect(await ok('GET', `/deals/${dealId}`, head)).toMatchObject({ dealId, leadId, hunterId: 'hunter-v1' });
    await eventually(async () => !(await queue('lead-generator', 'lg-v1')).includes(leadId), { what: 'the lead out of lg-v1’s queue' });
    await eventually(async () => (await queue('hunter', 'hunter-v1')).includes(dealId), { what: 'the deal in hunter-v1’s queue' });

    // Won at version 1, under the key-account threshold: the account opens for the farmer, not yet key.
    const accountId = accountIdForDeal(dealId);
    ids.accountId = accountId;
    await appendV1(`deal-${dealId}`, 'DealWon', {
      dealId, value: rub(600_000), credit: [{ repId: 'hunter-v1', role: 'hunter', percent: 100 }], newClient: true,
      company: newLead.company, contact: newLead.contact, account: accountId,
    });
    await eventually(async () => (await app.request('GET', `/accounts/${accountId}`, { token: head })).status === 200, { what: 'the account opened' });
    expect(await ok('GET', `/accounts/${accountId}`, head)).toMatchObject({ accountId, dealId, ownerId: 'farmer-v1', key: false, revenue: rub(600_000) });
    await eventually(async () => !(await queue('hunter', 'hunter-v1')).includes(dealId), { what: 'the won deal out of hunter-v1’s queue' });

    // A repeat sale won at version 1 takes the account over the threshold: promoted, to the one KAM.
    const farmer = await app.token('farmer', 'farmer-v1');
    const { repeatSaleId } = await ok('POST', `/accounts/${accountId}/repeat-sales`, farmer, { kind: 'upsell', estimatedValue: rub(900_000) });
    await appendV1(`account-${accountId}`, 'RepeatSaleWon', { account: accountId, repeatSaleId, value: rub(900_000), ownerId: 'farmer-v1' });
    await eventually(async () => (await ok('GET', `/accounts/${accountId}`, head)).key === true, { what: 'the account promoted to key' });
    expect(await ok('GET', `/accounts/${accountId}`, head)).toMatchObject({ ownerId: 'kam-v1', revenue: rub(1_500_000), repeatSales: [{ repeatSaleId, status: 'won', wonAmount: rub(900_000) }] });

    // The KPI read model counted the win and both amounts.
    await eventually(async () => (await ok('GET', '/kpis', head)).revenue.repeat.RUB === 900_000, { what: 'the repeat revenue in /kpis' });
    expect(await ok('GET', '/kpis', head)).toMatchObject({ winRate: { won: 1 }, revenue: { newBusiness: { RUB: 600_000 }, repeat: { RUB: 900_000 } } });
  });

  it('shows every event at version 2 in GET /events and the CLI’s export', async () => {
    const analyst = await app.token('analyst', 'an-1');
    const listed = (await app.request('GET', `/events?type=${VERSIONED.join(',')}`, { token: analyst })).body as string;
    const served = listed.trim().split('\n').map((line) => JSON.parse(line) as { type: string; schemaVersion: number; data: Record<string, unknown> });
    const file = join(folder, 'export.ndjson');
    await exportHistory({ format: 'ndjson', type: VERSIONED.join(','), out: file }, app.store, { write: () => true } as unknown as NodeJS.WritableStream);
    const exported = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; schemaVersion: number; data: Record<string, unknown> });
    for (const events of [served, exported]) {
      expect(events.map((event) => event.type).sort()).toEqual(['DealWon', 'LeadHandedOff', 'RepJoined', 'RepJoined', 'RepJoined', 'RepJoined', 'RepeatSaleWon']);
      for (const event of events) {
        expect(event.schemaVersion).toBe(2);
        for (const field of V1_FIELDS) expect(event.data).not.toHaveProperty(field);
      }
      expect(events.find((event) => event.type === 'DealWon')!.data).toMatchObject({ dealId: ids.dealId, accountId: ids.accountId, amount: rub(600_000) });
    }
  });

  it('publishes them on Kafka as version 2 CloudEvents (personal fields sealed, so out of the data read back)', async () => {
    const stored: StoredEvent[] = [];
    for await (const event of inView(app.store, 'omit').readAll()) stored.push(event);
    const expected = stored.filter((event) => VERSIONED.includes(event.type));
    expect(expected).toHaveLength(7);
    const source = new KafkaEventSource({ brokers: testKafkaBrokers(), topicPrefix: prefix, clientId: `schema-readers-${prefix}` });
    const published: StoredEvent[] = [];
    const subscription = source.subscribe({ from: 'start', filter: { eventTypes: VERSIONED } });
    try {
      const reading = (async () => {
        for await (const event of subscription) {
          published.push(event);
          if (published.length === expected.length) return;
        }
      })();
      await eventually(() => published.length === expected.length, { what: 'the versioned events on Kafka', state: () => published.map((event) => event.type), timeoutMs: 30_000 });
      await reading;
    } finally {
      await subscription.close();
    }
    expect(published.map((event) => ({ id: event.eventId, version: event.schemaVersion, data: event.data }))).toEqual(
      expected.map((event) => ({ id: event.eventId, version: 2, data: event.data })),
    );
  });

  it('replays every projection from the mixed history to the read models a fold of it gives, as the live ones are', async () => {
    const readModels = await openReadModelStore(`sqlite:${join(folder, 'replayed.db')}`);
    try {
      await replay('all', app.store, readModels, { write: () => true } as unknown as NodeJS.WritableStream);
      await expectPersistedEqualRebuilt(app.store, readModels, PROJECTIONS);
    } finally {
      await readModels.close();
    }
  });
});
