/**
 * The KurrentDB adapter against the in-memory model of a KurrentDB server (testing/in-memory-kurrentdb.ts): the whole
 * conformance suite, and the adapter's own cases, with no server. A model is not a server: this proves the adapter
 * right by the rules the model follows; `npm run test:kurrentdb` runs the same suite on a real KurrentDB.
 */
import { randomUUID } from 'node:crypto';
import { anEvent, collect, describeEventStoreConformance } from '../conformance/event-store.conformance';
import { EventIdConflictError, EventStoreUnavailableError, IncompatibleEventStoreError, InvalidEventStoreInputError } from '../event-store.errors';
import type { StoredEvent, SubscriptionStatus } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SCHEMA_EVENT_TYPE, schemaStreamName } from './kurrentdb-schema';
import { InMemoryKurrentDb } from './testing/in-memory-kurrentdb';
import { kurrentDbGuarantees, kurrentDbHarness } from './testing/kurrentdb-harness';
import { eventually } from '../../../../test/support/eventually';

const MODEL_MAX_APPEND_BYTES = 16 * 1024 * 1024;
const CONNECTION = 'kurrentdb://model.invalid:2113?tls=false';

describeEventStoreConformance(
  kurrentDbHarness('KurrentDB adapter on an in-memory model of the server (not a server)', kurrentDbGuarantees(MODEL_MAX_APPEND_BYTES), async () => {
    const model = new InMemoryKurrentDb({ maxAppendBytes: MODEL_MAX_APPEND_BYTES });
    return { connectionString: CONNECTION, connect: async () => model.client() };
  }),
);

async function openOn(model: InMemoryKurrentDb, namespace = 'ns/'): Promise<KurrentDbEventStore> {
  return KurrentDbEventStore.open({ connectionString: CONNECTION, namespace, client: model.client() });
}

describe('KurrentDB adapter (on the model)', () => {
  const stores: KurrentDbEventStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  const open = async (model: InMemoryKurrentDb, namespace?: string): Promise<KurrentDbEventStore> => {
    const store = await openOn(model, namespace);
    stores.push(store);
    return store;
  };

  it('reads only its namespace: not another store, another service, a system stream or its schema record', async () => {
    const model = new InMemoryKurrentDb();
    const ours = await open(model, 'sales/');
    const theirs = await open(model, 'other-sales/');
    await ours.append('lead-1', [anEvent('LeadCaptured')], { expectedRevision: 'no-stream' });
    await theirs.append('lead-1', [anEvent('LeadCaptured')], { expectedRevision: 'no-stream' });
    model.writeRaw('$ce-lead', '$>', '0@sales/lead-1');
    expect((await collect(ours.readAll())).map((event) => event.streamId)).toEqual(['lead-1']);
    expect(await collect(ours.readAll({ filter: { eventTypes: ['LeadCaptured'] } }))).toHaveLength(1);
    const head = await ours.headPosition();
    expect(head).toEqual((await collect(ours.readAll()))[0]!.position);
  });

  it('without a namespace reads every non-system stream of the cluster, never `$` streams or its schema record', async () => {
    const model = new InMemoryKurrentDb();
    const store = await open(model, '');
    await store.append('lead-1', [anEvent()], { expectedRevision: 'no-stream' });
    const streams = (await collect(store.readAll())).map((event) => event.streamId);
    // The model's cluster holds another service's stream and the server's statistics.
    expect(streams).toEqual(['other-service-1', 'lead-1']);
    await expect(store.append('$lead-2', [anEvent()], { expectedRevision: 'any' })).rejects.toMatchObject({ field: 'streamId' });
  });

  it('reserves the schema record stream', async () => {
    const store = await open(new InMemoryKurrentDb());
    await expect(store.append('sales-ops-schema', [anEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidEventStoreInputError);
    await expect(store.appendMany([{ streamId: 'sales-ops-schema', events: [anEvent()], expectedRevision: 'any' }])).rejects.toMatchObject({
      field: 'appends[0].streamId',
    });
  });

  it('records its schema version once, in a stream of its namespace', async () => {
    const model = new InMemoryKurrentDb();
    await open(model, 'a/');
    await open(model, 'a/');
    const client = model.client();
    const records = [];
    for await (const resolved of client.readStream(schemaStreamName('a/'))) records.push(resolved.event!);
    expect(records.map((event) => [event.type, event.data])).toEqual([[SCHEMA_EVENT_TYPE, { version: 1, by: 'sales-ops' }]]);
  });

  it('reads an event another tool wrote into its namespace, without an envelope of ours', async () => {
    const model = new InMemoryKurrentDb();
    const store = await open(model, 'ns/');
    model.writeRaw('ns/imported-1', 'LegacyThing', { n: 1 }, { $correlationId: 'c-9' });
    const [event] = await collect(store.readStream('imported-1'));
    expect(event).toMatchObject({ streamId: 'imported-1', type: 'LegacyThing', schemaVersion: 1, data: { n: 1 }, metadata: { $correlationId: 'c-9' } });
    expect(event!.occurredAt).toEqual(event!.recordedAt);
  });

  it("answers a same-id re-append the server takes as its own repeat by what the stream holds, not by the server's success", async () => {
    const store = await open(new InMemoryKurrentDb());
    const eventId = randomUUID();
    await store.append('deal-1', [anEvent('DealWon', { amount: 1 }, { eventId })], { expectedRevision: 'no-stream' });
    // KurrentDB itself would answer this with success (the same id at the same expected revision) and write nothing.
    await expect(store.append('deal-1', [anEvent('DealWon', { amount: 2 }, { eventId })], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
      EventIdConflictError,
    );
    await expect(store.append('deal-1', [anEvent('DealWon', { amount: 1 }, { eventId })], { expectedRevision: 'no-stream' })).resolves.toMatchObject({
      written: false,
      nextExpectedRevision: 0,
    });
  });

  it("writes every 'any' append with fixed ids on a busy stream once, though each is sent at the revision it read", async () => {
    const model = new InMemoryKurrentDb();
    const writers = [await open(model), await open(model), await open(model)];
    const appends = Array.from({ length: 30 }, (_, i) => [anEvent('TouchpointLogged', { i }, { eventId: randomUUID() })]);
    const results = await Promise.all(appends.map((events, i) => writers[i % 3]!.append('busy', events, { expectedRevision: 'any' })));
    expect(results.every((result) => result.written)).toBe(true);
    const stored = await collect(writers[0]!.readStream('busy'));
    expect(stored.map((event) => event.streamRevision)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(new Set(stored.map((event) => (event.data as { i: number }).i)).size).toBe(30);
    // And again, all at once: every one answered as stored, nothing written.
    const again = await Promise.all(appends.map((events, i) => writers[(i + 1) % 3]!.append('busy', events, { expectedRevision: 'any' })));
    expect(again.map((result) => result.written)).toEqual(Array.from({ length: 30 }, () => false));
    expect(again.map((result) => result.nextExpectedRevision).sort((a, b) => a - b)).toEqual(results.map((result) => result.nextExpectedRevision).sort((a, b) => a - b));
    expect(await collect(writers[0]!.readStream('busy'))).toHaveLength(30);
  });

  it('gives the last event of an append its position, whichever the server names', async () => {
    for (const appendPosition of ['first', 'last'] as const) {
      const store = await open(new InMemoryKurrentDb({ appendPosition }));
      const result = await store.append('s', [anEvent('A'), anEvent('B'), anEvent('C')], { expectedRevision: 'no-stream' });
      const all = await collect(store.readAll());
      expect(result.position).toEqual(all[2]!.position);
    }
  });

  it('refuses up front a batch with a reused id, writing nothing', async () => {
    const store = await open(new InMemoryKurrentDb());
    const eventId = randomUUID();
    await store.append('b', [anEvent('B', { v: 1 }, { eventId })], { expectedRevision: 'no-stream' });
    await expect(
      store.appendMany([
        { streamId: 'a', events: [anEvent('A')], expectedRevision: 'no-stream' },
        { streamId: 'b', events: [anEvent('B', { v: 2 }, { eventId })], expectedRevision: 'no-stream' },
      ]),
    ).rejects.toBeInstanceOf(EventIdConflictError);
    expect((await collect(store.readAll())).map((event) => event.streamId)).toEqual(['b']);
  });

  it('says which server it cannot reach, without its credentials', async () => {
    const error = await KurrentDbEventStore.open({ connectionString: 'kurrentdb://admin:secret@127.0.0.1:1?tls=false&maxDiscoverAttempts=1' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/KurrentDB at 127\.0\.0\.1:1 cannot be reached/);
    expect((error as Error).message).not.toMatch(/secret/);
  });

  it('refuses a store whose schema record a newer build wrote', async () => {
    const model = new InMemoryKurrentDb();
    model.writeRaw(schemaStreamName('n/'), SCHEMA_EVENT_TYPE, { version: 7, by: 'sales-ops' });
    await expect(openOn(model, 'n/')).rejects.toThrow(IncompatibleEventStoreError);
    await expect(openOn(model, 'n/')).rejects.toThrow(/schema version 7, written by a newer Sales-ops/);
  });

  it('keeps a live subscription through a lost connection: resumes after the last event, none lost or repeated', async () => {
    const model = new InMemoryKurrentDb();
    const client = model.client();
    const store = await KurrentDbEventStore.open({ connectionString: CONNECTION, namespace: 'r/', client });
    stores.push(store);
    const statuses: string[] = [];
    const subscription = store.subscribe({ onStatus: (status) => statuses.push(status.state) });
    const received: StoredEvent[] = [];
    const consuming = (async () => {
      for await (const event of subscription) {
        received.push(event);
        if (received.length === 4) break;
      }
    })();
    await store.append('s', [anEvent('A'), anEvent('B')], { expectedRevision: 'no-stream' });
    await eventually(() => received.length === 2, { everyMs: 5 });
    client.dropSubscriptions();
    await store.append('s', [anEvent('C'), anEvent('D')], { expectedRevision: 1 });
    await consuming;
    expect(received.map((event) => event.type)).toEqual(['A', 'B', 'C', 'D']);
    expect(statuses).toContain('catching-up');
    expect(statuses.at(-1)).toBe('closed');
  });

  it('resumes after the last event delivered even where the server names a caught-up position past the next one (#4970)', async () => {
    const model = new InMemoryKurrentDb({ caughtUpPastNext: true });
    const store = await open(model, 'f/');
    await store.append('lead-1', [anEvent('LeadCaptured', { n: 1 })], { expectedRevision: 'no-stream' });
    await store.append('deal-1', [anEvent('DealOpened')], { expectedRevision: 'no-stream' });
    const statuses: SubscriptionStatus[] = [];
    const first = store.subscribe({ filter: { eventTypes: ['LeadCaptured'] }, onStatus: (status) => statuses.push(status) });
    const iterator = first[Symbol.asyncIterator]();
    const delivered = (await iterator.next()).value as StoredEvent;
    // The subscriber has taken everything and waits: the server says it caught up, naming a position past the next event.
    const waiting = iterator.next();
    await eventually(() => statuses.some((status) => status.state === 'live'), { everyMs: 5 });
    // What a subscriber keeps as its checkpoint: the last event it had, never a position the server named.
    const checkpoint = first.status.position;
    expect(checkpoint).toEqual(delivered.position);
    await first.close();
    await expect(waiting).resolves.toMatchObject({ done: true });
    await store.append('lead-2', [anEvent('LeadCaptured', { n: 2 })], { expectedRevision: 'no-stream' });
    const [next] = await collect(store.subscribe({ from: checkpoint, filter: { eventTypes: ['LeadCaptured'] } }), 1);
    expect(next!.data).toEqual({ n: 2 });
  });
});
