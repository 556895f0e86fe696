import { ruleBroken } from '#libs/event-sourcing';
import { DEAL_STAGES, type DealEvent, type DealStage, type Actor } from '#libs/contracts';
import { requireDealOwner, requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

export interface ChangeDealStage {
  readonly type: 'ChangeDealStage';
  readonly by: Actor;
  readonly dealId: string;
  readonly to: DealStage;
}

const NEEDS_A_PROPOSAL: readonly DealStage[] = ['negotiation', 'contract'];

export function decideChangeDealStage(command: ChangeDealStage, state: DealState): DealEvent[] {
  const deal = requireOpenDeal(state, command.dealId);
  requireDealOwner(deal, command.by);
  if (deal.stage === command.to) return [];
  if (NEEDS_A_PROPOSAL.includes(command.to) && deal.proposalsSent === 0) {
    throw ruleBroken('no-proposal-sent', `a deal reaches ${command.to} only after a proposal was sent`, 'to');
  }
  if (!DEAL_STAGES.includes(command.to)) throw ruleBroken('unknown-stage', `${String(command.to)} is not a stage`, 'to');
  return [{ type: 'DealStageChanged', data: { dealId: command.dealId, from: deal.stage, to: command.to } }];
}
