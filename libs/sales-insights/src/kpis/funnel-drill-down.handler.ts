import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import { funnelDrillDown, type FUNNEL_STAGES, type FUNNEL_VIEWS } from '#libs/projections';
import { ReadModelsHost } from '../read-models/read-models.host';
import { KpiFacts, type KpiFactsAt } from './kpi-facts.service';
import type { KpiRequest } from './kpi-query';
import { leadCompanies } from './lead-companies';

type Found = ReturnType<typeof funnelDrillDown>;

interface FunnelDrillDown extends Omit<Found, 'items'> {
  readonly from: string;
  readonly to: string;
  readonly items: Array<Found['items'][number] & { readonly company: string | null }>;
}

interface FunnelPage {
  readonly stage: (typeof FUNNEL_STAGES)[number];
  readonly view: (typeof FUNNEL_VIEWS)[number];
  readonly limit: number;
  readonly offset: number;
}

export class GetFunnelDrillDownQuery extends UseCaseQuery<KpiRequest & FunnelPage, KpiFactsAt['stand'] & FunnelDrillDown> {}

/** The page of leads or deals behind a stage, each with its lead's company (read from the store: the facts keep no names). */
@QueryHandler(GetFunnelDrillDownQuery)
export class GetFunnelDrillDownHandler implements IQueryHandler<GetFunnelDrillDownQuery> {
  constructor(
    private readonly kpiFacts: KpiFacts,
    private readonly readModels: ReadModelsHost,
  ) {}

  async execute({ input: { stage, view, from, to, asOf, limit, offset } }: GetFunnelDrillDownQuery) {
    const facts = await this.kpiFacts.at(asOf);
    const found = funnelDrillDown(facts.documents, { stage, view, from, to, limit, offset });
    const companies = await leadCompanies(this.readModels.store, found.items.map((item) => item.leadId));
    return {
      ...facts.stand,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...found,
      items: found.items.map((item) => ({ ...item, company: companies.get(item.leadId) ?? null })),
    };
  }
}
