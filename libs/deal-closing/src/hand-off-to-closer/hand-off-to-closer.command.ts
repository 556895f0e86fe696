import type { Static } from '@sinclair/typebox';
import { forbidden, invalidTransition } from '#libs/event-sourcing';
import type { DealEvent, DealHandedOffToCloser, Actor } from '#libs/contracts';
import { requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

/** Handoff 2; the closer is named or chosen by routing before, and the command carries the choice. */
export interface HandOffDealToCloser {
  readonly type: 'HandOffDealToCloser';
  readonly by: Actor;
  readonly handoff: Omit<Static<typeof DealHandedOffToCloser.schema>, 'hunterId'>;
}

export function decideHandOffDealToCloser(command: HandOffDealToCloser, state: DealState): DealEvent[] {
  const deal = requireOpenDeal(state, command.handoff.dealId);
  if (deal.closerId !== undefined) throw invalidTransition('deal-with-closer', `deal ${deal.dealId} is already with ${deal.closerId}`);
  const { by } = command;
  if (by.role !== 'head-of-sales' && !(by.role === 'hunter' && by.userId === deal.hunterId)) {
    throw forbidden('not-deal-owner', `only the deal's hunter ${deal.hunterId} or the head of sales hands it to a closer`);
  }
  return [{ type: 'DealHandedOffToCloser', data: { ...command.handoff, hunterId: deal.hunterId } }];
}
