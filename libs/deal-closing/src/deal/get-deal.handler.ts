import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type DealEvent } from '#libs/contracts';
import { historyOf, notFound, personalDataSummary, readStreamHistory, type HistoryEntry, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { dealStreamId } from './deal.decider';
import { dealHistoryDetail, foldDealView, type DealView } from './deal.view';

/** The deal's view, its history line by line, and whose personal data it holds. */
export type DealPage = DealView & { history: HistoryEntry[]; personalData: PersonalDataSummary };

export class GetDealQuery extends UseCaseQuery<{ readonly dealId: string }, DealPage> {}

/** Reads one deal's stream into its view; 404 for an unknown deal. */
@QueryHandler(GetDealQuery)
export class GetDealHandler implements IQueryHandler<GetDealQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { dealId } }: GetDealQuery): Promise<DealPage> {
    const items = await readStreamHistory<DealEvent>(this.store, catalogueEventSchemas, dealStreamId(dealId));
    const view = foldDealView(items);
    if (!view) throw notFound('deal-not-found', `deal ${dealId} does not exist`);
    return { ...view, history: historyOf(items, dealHistoryDetail), personalData: await personalDataSummary(this.store, dealStreamId(dealId)) };
  }
}
