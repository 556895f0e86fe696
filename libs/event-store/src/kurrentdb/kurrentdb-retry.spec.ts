import { prepareEvents } from '../append-input';
import { anEvent } from '../conformance/event-store.conformance';
import { hasCallerIds, writtenBy } from './kurrentdb-retry';

describe('idempotent appends on KurrentDB', () => {
  const events = prepareEvents([anEvent('A'), anEvent('B')]);
  const at = (appendId: string | undefined, ids = events.map((event) => event.eventId)) => ids.map((eventId) => ({ eventId, appendId }));

  it('checks only appends whose ids the caller fixed', () => {
    expect(hasCallerIds([anEvent(), anEvent()])).toBe(false);
    expect(hasCallerIds([anEvent(), anEvent('A', {}, { eventId: '018f0000-0000-7000-8000-000000000000' })])).toBe(true);
  });

  it('tells this attempt’s write from a concurrent try of the same append, and from other events', () => {
    expect(writtenBy('attempt-1', events, at('attempt-1'))).toBe('this-attempt');
    expect(writtenBy('attempt-1', events, at('attempt-2'))).toBe('another-attempt');
    // Written before appendIds existed on this path (no appendId): not this attempt's.
    expect(writtenBy('attempt-1', events, at(undefined))).toBe('another-attempt');
    expect(writtenBy('attempt-1', events, [{ eventId: events[0]!.eventId, appendId: 'attempt-1' }, { eventId: events[1]!.eventId, appendId: 'attempt-2' }])).toBe(
      'another-attempt',
    );
    expect(writtenBy('attempt-1', events, at('attempt-1', [events[1]!.eventId, events[0]!.eventId]))).toBe('not-these-events');
    expect(writtenBy('attempt-1', events, at('attempt-1').slice(1))).toBe('not-these-events');
  });
});
