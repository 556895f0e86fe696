import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import { computeKpis } from '#libs/projections';
import { KpiFacts, type KpiFactsAt } from './kpi-facts.service';
import type { KpiRequest } from './kpi-query';

export class GetKpisQuery extends UseCaseQuery<KpiRequest, KpiFactsAt['stand'] & ReturnType<typeof computeKpis>> {}

@QueryHandler(GetKpisQuery)
export class GetKpisHandler implements IQueryHandler<GetKpisQuery> {
  constructor(private readonly kpiFacts: KpiFacts) {}

  async execute({ input: { from, to, asOf, groupBy } }: GetKpisQuery) {
    const facts = await this.kpiFacts.at(asOf);
    return { ...facts.stand, ...computeKpis(facts.documents, { from, to, ...(groupBy ? { groupBy } : {}) }) };
  }
}
