/**
 * A projection's documents as they stood at any past moment, in a fraction of the time a fold of the whole
 * history takes (foldHistory), and exactly the same documents.
 *
 * A fold as of T applies, in the store's order, every event that occurred by T. The ladder keeps the fold of
 * every prefix of the history that ends where a calendar month of occurrence begins (or RUNG_EVENTS events
 * after the rung before): a rung holds the documents changed since the rung before it (a layer), its last
 * position, and the latest time any event up to it occurred. When every event up to a rung occurred by T,
 * the fold as of T is that rung's documents plus the later events that occurred by T; and after the last
 * event that occurred on T's day or before (kept per day of occurrence as the ladder climbs) there is none.
 * So a fold as of T reads from the highest such rung to that event, and applies at most a rung's worth.
 * Back-dated events keep it exact: they never raise a rung's latest time, and the per-day positions hold
 * them where they were recorded (a fold as of an earlier day then reads further; it never misses one).
 *
 * The ladder climbs when asked (climb(), and before every fold) from where it stopped, so it follows the
 * store. Rungs share document objects with each other and with the folds made from them: the projection's
 * `apply` must never change a document in place (kpi-facts builds every new version with a spread), and the
 * readers of a fold must not either.
 */
import { setImmediate } from 'node:timers/promises';
import { comparePositions, type EventStore, type GlobalPosition, type ReadAllFrom } from '#libs/event-store';
import { DAY_MS } from '#libs/contracts';
import type { FoldedDocuments } from './as-of';
import { DocumentState, type DocumentLayer } from './engine/document-state';
import type { ProjectionDefinition } from './engine/projection';

/** A rung at least this often, in events applied, however many a month holds. */
export const RUNG_EVENTS = 25_000;
const BATCH = 5000;
/** A climb lets the event loop serve requests after this many events (a few milliseconds' work). */
const YIELD_EVERY = 1000;

interface Rung {
  /** The documents changed since the rung below. */
  readonly layer: DocumentLayer;
  /** The last event applied, or 'start'. */
  readonly position: ReadAllFrom;
  readonly eventsApplied: number;
  /** The latest occurrence time (epoch ms) of any event applied up to here. */
  readonly latestOccurrence: number;
}

const GROUND: Rung = { layer: new Map(), position: 'start', eventsApplied: 0, latestOccurrence: Number.NEGATIVE_INFINITY };

/** The first instant of the UTC month after the one `at` falls in. */
function nextMonth(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

export interface LadderStatus {
  /**
   * 'waiting' (never climbed), 'climbing' (the first climb running), 'ready' (climbed; later climbs take what came
   * since), 'failed' (the last climb failed and none has climbed since: the next one starts where it stopped).
   */
  readonly state: 'waiting' | 'climbing' | 'ready' | 'failed';
  readonly rungs: number;
  readonly eventsApplied: number;
  readonly position: ReadAllFrom;
}

export class AsOfLadder {
  private readonly rungs: Rung[] = [];
  /** The fold of everything climbed so far; its changes since the last rung are tracked. */
  private readonly top: DocumentState;
  private position: ReadAllFrom = 'start';
  private eventsApplied = 0;
  private latestOccurrence = Number.NEGATIVE_INFINITY;
  private nextRungAt = Number.NEGATIVE_INFINITY;
  /** Per UTC day of occurrence (epoch day), the position of the last event applied that occurred that day. */
  private readonly lastPositionOfDay = new Map<number, GlobalPosition>();
  private climbing: Promise<void> = Promise.resolve();
  private state: LadderStatus['state'] = 'waiting';

  private readonly rungEvents: number;

  constructor(
    private readonly store: EventStore,
    private readonly projection: ProjectionDefinition,
    options: { readonly rungEvents?: number } = {},
  ) {
    this.top = DocumentState.of(projection, true);
    this.rungEvents = options.rungEvents ?? RUNG_EVENTS;
  }

  status(): LadderStatus {
    return { state: this.state, rungs: this.rungs.length, eventsApplied: this.eventsApplied, position: this.position };
  }

  /** Applies what the store holds beyond the last climb, up to `until` (inclusive; the end by default). One climb at a time. */
  climb(until?: GlobalPosition): Promise<void> {
    if (this.state !== 'ready') this.state = 'climbing';
    const run = this.climbing.then(async () => {
      try {
        await this.climbTo(until);
        this.state = 'ready';
      } catch (error) {
        this.state = 'failed';
        throw error;
      }
    });
    this.climbing = run.catch(() => undefined);
    return run;
  }

  /**
   * Whether the store up to `until` (the end by default) holds an event of the projection's types recorded after
   * `position` that occurred on `asOf`'s day (UTC) or before: if not, a fold as of then made over the store up to
   * `position` still holds. Climbs first.
   */
  async changedSince(asOf: Date, position: ReadAllFrom, until?: GlobalPosition): Promise<boolean> {
    await this.climb(until);
    const last = this.lastPositionUpTo(Math.floor(asOf.getTime() / DAY_MS));
    return last !== undefined && (position === 'start' || comparePositions(last, position) > 0);
  }

  /**
   * The documents as they stood at `asOf` (every event that occurred by then), over the store up to `until`
   * (the end by default) or further if another fold climbed further meanwhile.
   */
  async fold(asOf: Date, until?: GlobalPosition): Promise<FoldedDocuments> {
    await this.climb(until);
    const at = asOf.getTime();
    if (this.latestOccurrence <= at) {
      // Everything climbed so far occurred by then: the top itself.
      const documents = DocumentState.layered(this.projection, [...this.rungs.map((rung) => rung.layer), this.top.changedLayer()]);
      return { documents, eventsApplied: this.eventsApplied, position: this.position };
    }
    let count = this.rungs.length;
    while (count > 0 && this.rungs[count - 1]!.latestOccurrence > at) count--;
    const base = count === 0 ? GROUND : this.rungs[count - 1]!;
    // Both taken now, before any await: a climb running meanwhile adds rungs and days but changes none of these.
    const documents = DocumentState.layered(this.projection, this.rungs.slice(0, count).map((rung) => rung.layer));
    const last = this.lastPositionUpTo(Math.floor(at / DAY_MS));
    let eventsApplied = base.eventsApplied;
    let position = base.position;
    if (last !== undefined && (base.position === 'start' || comparePositions(last, base.position) > 0)) {
      const tail = this.store.readAll({ from: base.position, until: { position: last }, batchSize: BATCH, filter: { eventTypes: this.projection.eventTypes } });
      for await (const event of tail) {
        if (event.occurredAt.getTime() > at) continue;
        this.projection.apply(documents, event);
        eventsApplied++;
        position = event.position;
      }
    }
    return { documents, eventsApplied, position };
  }

  private async climbTo(until: GlobalPosition | undefined): Promise<void> {
    if (until !== undefined && this.position !== 'start' && comparePositions(until, this.position) <= 0) return;
    const events = this.store.readAll({
      from: this.position,
      batchSize: BATCH,
      filter: { eventTypes: this.projection.eventTypes },
      ...(until === undefined ? {} : { until: { position: until } }),
    });
    for await (const event of events) {
      const at = event.occurredAt.getTime();
      const sinceRung = this.eventsApplied - (this.rungs.at(-1)?.eventsApplied ?? 0);
      if (sinceRung > 0 && ((at > this.latestOccurrence && at >= this.nextRungAt) || sinceRung >= this.rungEvents)) this.cutRung();
      if (at > this.latestOccurrence) {
        this.latestOccurrence = at;
        if (at >= this.nextRungAt) this.nextRungAt = nextMonth(at);
      }
      this.projection.apply(this.top, event);
      this.eventsApplied++;
      this.position = event.position;
      this.lastPositionOfDay.set(Math.floor(at / DAY_MS), event.position);
      // A climb at boot runs beside requests: give them a turn now and then (a page is applied synchronously).
      if (this.eventsApplied % YIELD_EVERY === 0) await setImmediate();
    }
  }

  private cutRung(): void {
    this.rungs.push({ layer: this.top.takeLayer(), position: this.position, eventsApplied: this.eventsApplied, latestOccurrence: this.latestOccurrence });
  }

  /** The position of the last event applied that occurred on `day` (epoch day) or before; undefined for none. */
  private lastPositionUpTo(day: number): GlobalPosition | undefined {
    let last: GlobalPosition | undefined;
    this.lastPositionOfDay.forEach((position, ofDay) => {
      if (ofDay <= day && (last === undefined || comparePositions(position, last) > 0)) last = position;
    });
    return last;
  }
}
