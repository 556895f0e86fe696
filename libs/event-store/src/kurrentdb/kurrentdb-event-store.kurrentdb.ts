/**
 * The conformance suite and the adapter's own cases on a real KurrentDB: run by `npm run test:kurrentdb`
 * (jest.kurrentdb.config.js), never by `npm test` (the name matches neither *.spec.ts nor *.test.ts). The server is
 * KURRENTDB_URL's, or a container; without either the run fails before any test (test/support/kurrentdb-server.ts).
 */
import { randomUUID } from 'node:crypto';
import { anEvent, collect, describeEventStoreConformance } from '../conformance/event-store.conformance';
import { EventIdConflictError } from '../event-store.errors';
import type { StoredEvent, SubscriptionStatus } from '../event-store.port';
import { connectKurrentDb } from './kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { parseKurrentDbUrl } from './kurrentdb-url';
import { kurrentDbGuarantees, kurrentDbHarness } from './testing/kurrentdb-harness';
import { freshKurrentDbUrl, testKurrentDbMaxAppendBytes, testKurrentDbUrl } from '../../../../test/support/kurrentdb';
import { eventually } from '../../../../test/support/eventually';

describeEventStoreConformance(
  kurrentDbHarness('KurrentDB', kurrentDbGuarantees(testKurrentDbMaxAppendBytes()), async () => {
    const connectionString = parseKurrentDbUrl(testKurrentDbUrl()).connectionString;
    return { connectionString, connect: () => connectKurrentDb(connectionString) };
  }),
);

describe('KurrentDB adapter on a real server', () => {
  const stores: KurrentDbEventStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  const open = async (): Promise<KurrentDbEventStore> => {
    const target = parseKurrentDbUrl(freshKurrentDbUrl('adapter'));
    const store = await KurrentDbEventStore.open({ connectionString: target.connectionString, namespace: target.namespace });
    stores.push(store);
    return store;
  };

  it("refuses a same-id re-append with other content, which the server's own idempotency takes as a repeat", async () => {
    const store = await open();
    const eventId = randomUUID();
    await store.append('deal-1', [anEvent('DealWon', { amount: 1 }, { eventId })], { expectedRevision: 'no-stream' });
    await expect(store.append('deal-1', [anEvent('DealWon', { amount: 2 }, { eventId })], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
      EventIdConflictError,
    );
    await expect(store.append('deal-1', [anEvent('DealWon', { amount: 1 }, { eventId })], { expectedRevision: 'any' })).resolves.toMatchObject({
      written: false,
      nextExpectedRevision: 0,
    });
    expect(await collect(store.readStream('deal-1'))).toHaveLength(1);
  });

  it('resumes a filtered subscription after the last event it delivered, never past the next one (KurrentDB issue #4970)', async () => {
    const store = await open();
    await store.append('lead-1', [anEvent('LeadCaptured', { n: 1 })], { expectedRevision: 'no-stream' });
    // Many events the filter leaves out, so that the server sends checkpoints and reads empty pages at the end.
    for (let batch = 0; batch < 10; batch++) {
      await store.append(`deal-${batch}`, Array.from({ length: 100 }, () => anEvent('DealOpened')), { expectedRevision: 'no-stream' });
    }
    const statuses: SubscriptionStatus[] = [];
    const first = store.subscribe({ filter: { eventTypes: ['LeadCaptured'] }, onStatus: (status) => statuses.push(status) });
    const iterator = first[Symbol.asyncIterator]();
    const delivered = (await iterator.next()).value as StoredEvent;
    const waiting = iterator.next();
    await eventually(() => statuses.some((status) => status.state === 'live'), { everyMs: 10, timeoutMs: 20_000 });
    const checkpoint = first.status.position;
    expect(checkpoint).toEqual(delivered.position);
    await first.close();
    await waiting;
    await store.append('lead-2', [anEvent('LeadCaptured', { n: 2 })], { expectedRevision: 'no-stream' });
    const [next] = await collect(store.subscribe({ from: checkpoint, filter: { eventTypes: ['LeadCaptured'] } }), 1);
    expect(next!.data).toEqual({ n: 2 });
  });
});
