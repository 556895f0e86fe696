import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type DealEvent } from '#libs/contracts';
import { notFound, personalDataSummary, readStreamHistory, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { dealStreamId } from './deal.decider';
import { foldDealView, type DealView } from './deal.view';

export class GetDealQuery extends UseCaseQuery<{ readonly dealId: string }, DealView & { personalData: PersonalDataSummary }> {}

/** Reads one deal's stream into its view; 404 for an unknown deal. */
@QueryHandler(GetDealQuery)
export class GetDealHandler implements IQueryHandler<GetDealQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { dealId } }: GetDealQuery): Promise<DealView & { personalData: PersonalDataSummary }> {
    const view = foldDealView(await readStreamHistory<DealEvent>(this.store, catalogueEventSchemas, dealStreamId(dealId)));
    if (!view) throw notFound('deal-not-found', `deal ${dealId} does not exist`);
    return { ...view, personalData: await personalDataSummary(this.store, dealStreamId(dealId)) };
  }
}
