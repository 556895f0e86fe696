import type { Static } from '@sinclair/typebox';
import type { DealEvent, DealLost } from '#libs/contracts';
import type { EventActor } from '#libs/event-store';
import { requireDealOwner, requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

export interface LoseDeal {
  readonly type: 'LoseDeal';
  readonly by: EventActor;
  readonly loss: Static<typeof DealLost.schema>;
}

export function decideLoseDeal(command: LoseDeal, state: DealState): DealEvent[] {
  const deal = requireOpenDeal(state, command.loss.dealId);
  requireDealOwner(deal, command.by);
  return [{ type: 'DealLost', data: command.loss }];
}
