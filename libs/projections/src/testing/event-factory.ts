/** Stored events for read-model tests, without a store: positions count up in the order they are made. */
import type { StoredEvent } from '#libs/event-store';

export function eventFactory() {
  let position = 0;
  return (type: string, data: Record<string, unknown>, at: string, actor = { userId: 'hos-1', role: 'head-of-sales' }): StoredEvent => {
    position += 1;
    return {
      eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      streamId: `test-${position}`,
      streamRevision: 0,
      position: { commit: position, prepare: position },
      occurredAt: new Date(at),
      recordedAt: new Date(at),
      data,
      metadata: { correlationId: `c-${position}`, causationId: null, actor },
    };
  };
}
