import type { RecordedEvent } from '@kurrent/kurrentdb-client';
import { prepareEvents } from '../append-input';
import { anEvent } from '../conformance/event-store.conformance';
import { IncompatibleEventStoreError } from '../event-store.errors';
import { appendIdOf, toEventData, toStoredEvent } from './kurrentdb-envelope';

/** What the client gives back for what it was given: data through JSON, metadata bytes parsed as JSON. */
function roundTrip(data: ReturnType<typeof toEventData>, extra: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    streamId: 'sales/lead-1',
    id: data.id,
    revision: 3n,
    type: data.type,
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(new TextDecoder().decode(data.metadata)),
    isJson: true,
    created: new Date('2026-04-01T10:00:00.000Z'),
    position: { commit: 1234n, prepare: 1234n },
    ...extra,
  } as RecordedEvent;
}

describe('the KurrentDB envelope', () => {
  const occurredAt = new Date('2026-03-01T09:30:00.123Z');
  const metadata = { correlationId: 'corr-1', causationId: 'cmd-7', actor: { userId: 'u-1', role: 'hunter' }, source: 'csv-import' };
  const [prepared] = prepareEvents([anEvent('DealWon', { amount: 1200, 'ключ': ['ё', null] }, { schemaVersion: 2, occurredAt, metadata })]);

  it("keeps the data as the body and the port's metadata whole, with KurrentDB's own correlation names beside it", () => {
    const data = toEventData(prepared!, 'append-1');
    expect(data).toMatchObject({ id: prepared!.eventId, contentType: 'application/json', type: 'DealWon', data: { amount: 1200, 'ключ': ['ё', null] } });
    // A plain Uint8Array: the client writes those as they are (a Buffer it would stringify again).
    expect(data.metadata.constructor).toBe(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(data.metadata))).toEqual({
      $correlationId: 'corr-1',
      $causationId: 'cmd-7',
      schemaVersion: 2,
      occurredAt: '2026-03-01T09:30:00.123Z',
      appendId: 'append-1',
      metadata,
    });
  });

  it('leaves out a null causation and an absent append id', () => {
    const [event] = prepareEvents([anEvent()]);
    const written = JSON.parse(new TextDecoder().decode(toEventData(event!).metadata)) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(['$correlationId', 'schemaVersion', 'occurredAt', 'metadata']);
  });

  it('reads back the whole port envelope: stream id without the namespace, position, revision, times', () => {
    const stored = toStoredEvent(roundTrip(toEventData(prepared!, 'append-1')), 'sales/');
    expect(stored).toEqual({
      eventId: prepared!.eventId,
      type: 'DealWon',
      schemaVersion: 2,
      streamId: 'lead-1',
      streamRevision: 3,
      position: { commit: 1234, prepare: 1234 },
      occurredAt,
      recordedAt: new Date('2026-04-01T10:00:00.000Z'),
      data: { amount: 1200, 'ключ': ['ё', null] },
      metadata,
    });
    expect(appendIdOf(roundTrip(toEventData(prepared!, 'append-1')))).toBe('append-1');
    expect(appendIdOf(roundTrip(toEventData(prepared!)))).toBeUndefined();
  });

  it("reads another tool's event as it is: version 1, occurred when recorded, its metadata passed on", () => {
    const recorded = roundTrip(toEventData(prepared!), { metadata: { $correlationId: 'x' }, type: 'Legacy' } as never);
    expect(toStoredEvent(recorded, 'sales/')).toMatchObject({ type: 'Legacy', schemaVersion: 1, occurredAt: recorded.created, metadata: { $correlationId: 'x' } });
    const bytes = roundTrip(toEventData(prepared!), { isJson: false, data: new TextEncoder().encode('{"n":1}'), metadata: undefined } as never);
    expect(toStoredEvent(bytes, 'sales/')).toMatchObject({ data: { n: 1 }, metadata: {} });
  });

  it('refuses an event without a position (servers before 22.6)', () => {
    expect(() => toStoredEvent(roundTrip(toEventData(prepared!), { position: undefined }), '')).toThrow(IncompatibleEventStoreError);
  });
});
