import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import { computeKpiSeries, type SERIES_INTERVALS } from '#libs/projections';
import { KpiFacts, type KpiFactsAt } from './kpi-facts.service';
import type { KpiRequest } from './kpi-query';

type SeriesInterval = (typeof SERIES_INTERVALS)[number];

interface KpiSeries {
  readonly interval: SeriesInterval;
  readonly from: string;
  readonly to: string;
  readonly groupBy: KpiRequest['groupBy'] | null;
  readonly buckets: ReturnType<typeof computeKpiSeries>;
}

export class GetKpiSeriesQuery extends UseCaseQuery<KpiRequest & { readonly interval: SeriesInterval }, KpiFactsAt['stand'] & KpiSeries> {}

@QueryHandler(GetKpiSeriesQuery)
export class GetKpiSeriesHandler implements IQueryHandler<GetKpiSeriesQuery> {
  constructor(private readonly kpiFacts: KpiFacts) {}

  async execute({ input: { interval, from, to, asOf, groupBy } }: GetKpiSeriesQuery) {
    const facts = await this.kpiFacts.at(asOf);
    return {
      ...facts.stand,
      interval,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      groupBy: groupBy ?? null,
      buckets: computeKpiSeries(facts.documents, { interval, from, to, ...(groupBy ? { groupBy } : {}) }),
    };
  }
}
