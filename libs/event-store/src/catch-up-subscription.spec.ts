/** How a filtered subscription moves on: past what it looked at, not only past what it delivered. */
import { CatchUpSubscription } from './catch-up-subscription';
import type { StoredEvent } from './event-store.port';
import type { Page, PageQuery, PageReader } from './page-reader';
import { WakeSignal } from './wake-signal';

const event = (n: number): StoredEvent => ({
  eventId: `e-${n}`, type: 'Wanted', schemaVersion: 1, streamId: 's', streamRevision: n, position: { commit: n, prepare: n },
  occurredAt: new Date(0), recordedAt: new Date(0), data: {}, metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'r' } },
});

describe('a filtered catch-up subscription', () => {
  it('reads on from where a page says it looked, so that the events that did not match are not read again', async () => {
    const asked: Array<PageQuery['after']> = [];
    // The store: event 1 matches; 2–999 do not; 1000 matches and arrives after the first wake-up.
    let stored = 999;
    const reader: PageReader = {
      async readPage(query: PageQuery): Promise<Page> {
        asked.push(query.after);
        const after = query.after === 'start' ? 0 : query.after.prepare;
        const events = [1, 1000].filter((n) => n > after && n <= stored).map(event);
        return { events, heldBack: false, ...(stored > after ? { scannedTo: { commit: stored, prepare: stored } } : {}) };
      },
      readCutoff: async () => undefined,
      headPosition: async () => 'start',
    };
    const signal = new WakeSignal();
    const subscription = new CatchUpSubscription(reader, signal, { from: 'start', filter: { eventTypes: ['Wanted'] }, batchSize: 100, idleRecheckMs: 60_000 });
    const delivered: number[] = [];
    for await (const each of subscription) {
      delivered.push(each.position.prepare);
      if (delivered.length === 1) {
        stored = 1000;
        signal.notify();
      } else break;
    }
    expect(delivered).toEqual([1, 1000]);
    // After the first page it went on after 999 (what it had looked at), not after 1.
    expect(asked).toEqual(['start', { commit: 999, prepare: 999 }]);
  });
});
