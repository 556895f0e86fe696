import type { Static } from '@sinclair/typebox';
import type { DealEvent, ProposalSent, Actor } from '#libs/contracts';
import { requireDealOwner, requireFuture, requireOpenDeal, requirePositive } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

export interface SendProposal {
  readonly type: 'SendProposal';
  readonly by: Actor;
  readonly at: Date;
  readonly proposal: Static<typeof ProposalSent.schema>;
}

export function decideSendProposal(command: SendProposal, state: DealState): DealEvent[] {
  const { proposal } = command;
  const deal = requireOpenDeal(state, proposal.dealId);
  requireDealOwner(deal, command.by);
  requirePositive(proposal.amount.amount, 'amount.amount');
  requireFuture(proposal.validUntil, command.at, 'proposal-expired', 'validUntil');
  return [{ type: 'ProposalSent', data: proposal }];
}
