/**
 * Synthetic streams for the Kafka tests: many streams written a few events at a time, interleaved, either in
 * rounds (appendRounds) or steadily while a test runs (startAppender). What the events are is the caller's
 * (`eventsFor`): plain data for the relay, valid catalogue data for the consumer.
 */
import type { EventStore, NewEvent } from '#libs/event-store';

/** `count` events of stream number `stream`, the first of them its `offset`-th. */
export type EventsFor = (stream: number, count: number, offset: number) => NewEvent[];

/**
 * Streams `${tag}-i` (i < `streams`) get `perStream` more events each, `perRound` per stream per transaction
 * (one appendMany a round, every stream in it); `start` is the offset of the first. Returns the events written.
 */
export async function appendRounds(
  store: EventStore,
  eventsFor: EventsFor,
  tag: string,
  streams: number,
  perStream: number,
  { perRound = 2, start = 0 }: { perRound?: number; start?: number } = {},
): Promise<number> {
  for (let round = 0; round < perStream; round += perRound) {
    const count = Math.min(perRound, perStream - round);
    await store.appendMany(
      Array.from({ length: streams }, (_, stream) => ({ streamId: `${tag}-${stream}`, events: eventsFor(stream, count, start + round), expectedRevision: 'any' as const })),
    );
  }
  return streams * perStream;
}

/** Appends `perTick` events to one stream (round robin over `streams`) every `tickMs`, until stopped. */
export function startAppender(
  store: EventStore,
  eventsFor: EventsFor,
  tag: string,
  streams: number,
  perTick: number,
  tickMs: number,
): { stop(): Promise<number> } {
  let stopping = false;
  let written = 0;
  const writing = (async () => {
    for (let tick = 0; !stopping; tick++) {
      const stream = tick % streams;
      await store.append(`${tag}-${stream}`, eventsFor(stream, perTick, Math.floor(tick / streams) * perTick), { expectedRevision: 'any' });
      written += perTick;
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
  })();
  return {
    async stop() {
      stopping = true;
      await writing;
      return written;
    },
  };
}
