import { ruleBroken } from '#libs/event-sourcing';
import type { DealEvent, Actor, Money } from '#libs/contracts';
import { requireDealOwner, requireOpenDeal, requirePositive } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

/** The closer's share of a deal they won, in percent, unless the route says otherwise (the department's rule). */
export const DEFAULT_CLOSER_PERCENT = 50;

export interface WinDeal {
  readonly type: 'WinDeal';
  readonly by: Actor;
  readonly dealId: string;
  readonly amount: Money;
  /** The closer's share in percent when a closer finished the deal (DEFAULT_CLOSER_PERCENT unless said). */
  readonly closerPercent: number;
  readonly accountId: string;
}

export function decideWinDeal(command: WinDeal, state: DealState): DealEvent[] {
  const deal = requireOpenDeal(state, command.dealId);
  requireDealOwner(deal, command.by);
  requirePositive(command.amount.amount, 'amount.amount');
  if (!(command.closerPercent >= 0 && command.closerPercent <= 100)) {
    throw ruleBroken('bad-credit-split', 'the closer percent must be from 0 to 100', 'closerPercent');
  }
  const credit =
    deal.closerId === undefined
      ? [{ repId: deal.hunterId, role: 'hunter' as const, percent: 100 }]
      : [
          { repId: deal.hunterId, role: 'hunter' as const, percent: 100 - command.closerPercent },
          { repId: deal.closerId, role: 'closer' as const, percent: command.closerPercent },
        ];
  return [
    {
      type: 'DealWon',
      data: {
        dealId: command.dealId,
        amount: { ...command.amount },
        credit,
        newClient: true,
        company: deal.company,
        contact: deal.contact,
        accountId: command.accountId,
      },
    },
  ];
}
