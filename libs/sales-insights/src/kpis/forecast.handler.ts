import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import { forecastPeriod } from '#libs/projections';
import { KpiFacts, type KpiFactsAt } from './kpi-facts.service';
import type { KpiRequest } from './kpi-query';

/** The period [from, to) forecast at `madeAt` (the route checked it lies within the period, not after `reference`). */
export class GetForecastQuery extends UseCaseQuery<KpiRequest & { readonly madeAt: number }, KpiFactsAt['stand'] & ReturnType<typeof forecastPeriod>> {}

@QueryHandler(GetForecastQuery)
export class GetForecastHandler implements IQueryHandler<GetForecastQuery> {
  constructor(private readonly kpiFacts: KpiFacts) {}

  async execute({ input: { from, to, asOf, reference, madeAt } }: GetForecastQuery) {
    const facts = await this.kpiFacts.at(asOf);
    return { ...facts.stand, ...forecastPeriod(facts.documents, { from, to, madeAt, actualUntil: Math.min(to, reference) }) };
  }
}
