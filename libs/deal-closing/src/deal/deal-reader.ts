import { Inject, Injectable } from '@nestjs/common';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { catalogueEventSchemas, type DealEvent } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { dealStreamId } from './deal.decider';
import { foldDealView, type DealView } from './deal.view';

/** Reads one deal's stream into its view; 404 for an unknown deal. */
@Injectable()
export class DealReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(dealId: string): Promise<DealView> {
    const view = foldDealView(await readStreamHistory<DealEvent>(this.store, catalogueEventSchemas, dealStreamId(dealId)));
    if (!view) throw notFound('deal-not-found', `deal ${dealId} does not exist`);
    return view;
  }
}
