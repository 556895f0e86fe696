import type { Static } from '@sinclair/typebox';
import type { DealEvent, DealLost, Actor } from '#libs/contracts';
import { requireDealOwner, requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

export interface LoseDeal {
  readonly type: 'LoseDeal';
  readonly by: Actor;
  readonly loss: Static<typeof DealLost.schema>;
}

export function decideLoseDeal(command: LoseDeal, state: DealState): DealEvent[] {
  const deal = requireOpenDeal(state, command.loss.dealId);
  requireDealOwner(deal, command.by);
  return [{ type: 'DealLost', data: command.loss }];
}
