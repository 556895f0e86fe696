/**
 * What every /kpis route starts from: its query checked (kpi-query.ts) and the KPI facts it is computed over,
 * live from the kpi-facts read model or, with `asOf`, folded from the history up to that moment in memory
 * without touching the read models. The last few such folds are kept: the history before a past moment
 * rarely changes, and a dashboard asks several routes about the same moment at once.
 */
import { Injectable } from '@nestjs/common';
import { encodePosition } from '#libs/event-store';
import { foldHistory, kpiFactsProjection, type DocumentReader, type FoldedDocuments } from '#libs/projections';
import { ReadModelsHost } from '../read-models/read-models.host';
import { parseKpiQuery, type KpiPeriodDefaults, type KpiRequest, type RawKpiQuery } from './kpi-query';

const AS_OF_CACHE = 4;

export interface KpiFactsAt {
  readonly documents: DocumentReader;
  /** How the answer says where its figures stand: the as-of moment, the last event included, how many events. */
  readonly stand: { readonly asOf: string | null; readonly position: string | null; readonly eventsApplied: number };
}

@Injectable()
export class KpiFacts {
  private readonly asOfFolds = new Map<string, Promise<FoldedDocuments>>();

  constructor(private readonly readModels: ReadModelsHost) {}

  /** from/to/asOf/groupBy of a request, checked against the clock now. */
  query(raw: RawKpiQuery, defaults?: KpiPeriodDefaults): KpiRequest {
    return parseKpiQuery(raw, Date.now(), defaults);
  }

  /** The facts live, or as they stood at `asOf`. */
  async at(asOf: number | undefined): Promise<KpiFactsAt> {
    if (asOf === undefined) {
      const documents = this.readModels.documents(kpiFactsProjection);
      const status = this.readModels.status(kpiFactsProjection)!;
      return { documents, stand: { asOf: null, position: status.position, eventsApplied: status.eventsApplied } };
    }
    const head = await this.readModels.store.headPosition();
    const folded = await this.foldAsOf(asOf, head === 'start' ? 'start' : encodePosition(head));
    return {
      documents: folded.documents,
      stand: {
        asOf: new Date(asOf).toISOString(),
        position: folded.position === 'start' ? null : encodePosition(folded.position),
        eventsApplied: folded.eventsApplied,
      },
    };
  }

  /** Kept per moment and head of the store: an event recorded since (say, one back-dated) makes a new fold. */
  private foldAsOf(asOf: number, head: string): Promise<FoldedDocuments> {
    const key = `${new Date(asOf).toISOString()}@${head}`;
    let fold = this.asOfFolds.get(key);
    if (fold === undefined) {
      fold = foldHistory(this.readModels.store, kpiFactsProjection, { asOf: new Date(asOf) });
      fold.catch(() => this.asOfFolds.delete(key));
      this.asOfFolds.set(key, fold);
      while (this.asOfFolds.size > AS_OF_CACHE) this.asOfFolds.delete(this.asOfFolds.keys().next().value!);
    }
    return fold;
  }
}
