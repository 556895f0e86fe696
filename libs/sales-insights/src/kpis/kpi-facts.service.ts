/**
 * What every /kpis query handler starts from (its route checked the query: kpi-query.ts): the KPI facts it is
 * computed over, live from the kpi-facts read model or, with `asOf`, as they stood at that moment, folded in
 * memory without touching the read models. The folds come from an as-of ladder (as-of-ladder.ts), which
 * climbs the history once in the background when the read models are live, then reads only a month's worth
 * per fold. The last few folds are kept too: a dashboard asks several routes about the same moment at once.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventStoreClosedError, comparePositions, encodePosition, type ReadAllFrom } from '#libs/event-store';
import { AsOfLadder, kpiFactsProjection, type DocumentReader, type FoldedDocuments } from '#libs/projections';
import { APP_CONFIG, HealthIndicators, type AppConfig } from '#libs/platform';
import { ReadModelsHost } from '../read-models/read-models.host';

const AS_OF_CACHE = 4;

export interface KpiFactsAt {
  readonly documents: DocumentReader;
  /** How the answer says where its figures stand: the as-of moment, the last event included, how many events. */
  readonly stand: { readonly asOf: string | null; readonly position: string | null; readonly eventsApplied: number };
}

@Injectable()
export class KpiFacts implements OnApplicationBootstrap {
  private readonly logger = new Logger('KpiFacts');
  private readonly asOfFolds = new Map<string, { readonly head: ReadAllFrom; readonly fold: Promise<FoldedDocuments> }>();
  private readonly ladder: AsOfLadder;

  constructor(
    private readonly readModels: ReadModelsHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    health: HealthIndicators,
  ) {
    this.ladder = new AsOfLadder(readModels.store, kpiFactsProjection);
    // Never unhealthy: an as-of request climbs it itself. 'waiting' until the read models are live (boot) or the
    // first as-of view (AS_OF_LADDER=lazy).
    health.register({ name: 'asOfLadder', check: async () => ({ healthy: true, ...this.ladderStatus() }) });
  }

  /** Climbs the as-of ladder in the background once the read models are live, so that the first as-of view is quick too. */
  onApplicationBootstrap(): void {
    if (this.config.asOfLadder === 'lazy') return;
    const began = Date.now();
    this.readModels
      .whenLive()
      // After the KPI facts' documents are loaded (behind their fold at boot): live KPI requests wait for those.
      .then(() => this.readModels.loadedDocuments(kpiFactsProjection).catch(() => undefined))
      .then(() => this.ladder.climb())
      .then(
        () => {
          const { rungs, eventsApplied } = this.ladder.status();
          this.logger.log(`as-of ladder ready: ${eventsApplied} events in ${rungs} rungs, ${((Date.now() - began) / 1000).toFixed(1)} s after boot`);
        },
        (error: unknown) => {
          // Closing the app stops the climb; any other failure leaves the next as-of fold to climb again.
          if (error instanceof EventStoreClosedError) return;
          this.logger.warn(`as-of ladder: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
  }

  private ladderStatus() {
    const { state, rungs, eventsApplied, position } = this.ladder.status();
    return { state, rungs, eventsApplied, position: position === 'start' ? null : encodePosition(position) };
  }

  /** The facts live, or as they stood at `asOf`. */
  async at(asOf: number | undefined): Promise<KpiFactsAt> {
    if (asOf === undefined) {
      const documents = await this.readModels.loadedDocuments(kpiFactsProjection);
      const status = this.readModels.status(kpiFactsProjection)!;
      return { documents, stand: { asOf: null, position: status.position, eventsApplied: status.eventsApplied } };
    }
    const head = await this.readModels.store.headPosition();
    const folded = await this.foldAsOf(asOf, head);
    return {
      documents: folded.documents,
      stand: {
        asOf: new Date(asOf).toISOString(),
        position: folded.position === 'start' ? null : encodePosition(folded.position),
        eventsApplied: folded.eventsApplied,
      },
    };
  }

  /**
   * Kept per moment with the head of the store it was made over. At a later head it still holds unless an event
   * recorded since occurred by then (say, one back-dated), which the ladder knows without reading: then it is
   * made again. So a live store's new events, which occur after a past moment, keep its fold and what readers
   * cached on it.
   */
  private async foldAsOf(asOf: number, head: ReadAllFrom): Promise<FoldedDocuments> {
    const moment = new Date(asOf);
    const key = moment.toISOString();
    const until = head === 'start' ? undefined : head;
    const kept = this.asOfFolds.get(key);
    if (kept !== undefined && (samePosition(kept.head, head) || !(await this.ladder.changedSince(moment, kept.head, until)))) {
      // Kept at the newer head: the next request at this head need not ask again.
      if (this.asOfFolds.get(key) === kept) this.asOfFolds.set(key, { ...kept, head: laterOf(kept.head, head) });
      return kept.fold;
    }
    const fold = this.ladder.fold(moment, until);
    const entry = { head, fold };
    fold.catch(() => this.asOfFolds.get(key) === entry && this.asOfFolds.delete(key));
    this.asOfFolds.delete(key);
    this.asOfFolds.set(key, entry);
    while (this.asOfFolds.size > AS_OF_CACHE) this.asOfFolds.delete(this.asOfFolds.keys().next().value!);
    return fold;
  }
}

function samePosition(a: ReadAllFrom, b: ReadAllFrom): boolean {
  return a === 'start' || b === 'start' ? a === b : comparePositions(a, b) === 0;
}

function laterOf(a: ReadAllFrom, b: ReadAllFrom): ReadAllFrom {
  if (a === 'start') return b;
  if (b === 'start') return a;
  return comparePositions(a, b) >= 0 ? a : b;
}
