/**
 * libs/deal-closing — deals: the Deal decider and one folder per use case (open, meetings, stage,
 * proposal, handoff to a closer, win, lose). It hears of leads only through prospecting's events.
 */
export { dealDecider, dealStreamId, type DealCommand } from './deal/deal.decider';
export type { DealState } from './deal/deal.state';
export { openDealOnHandoff, HANDOFF_SERVICE } from './open-deal/open-deal-on-handoff.process-manager';
export { DealClosingModule } from './deal-closing.module';
export { DEAL_CLOSING_PROCESS_MANAGERS } from './deal-closing.process-managers';
