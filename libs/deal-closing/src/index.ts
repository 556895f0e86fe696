/**
 * libs/deal-closing — deals: the Deal decider and one folder per use case (open, meetings, stage,
 * proposal, handoff to a closer, win, lose). It hears of leads only through prospecting's events.
 */
export { dealDecider, dealStreamId } from './deal/deal.decider';
export type { DealState } from './deal/deal.state';
export { DealClosingModule } from './deal-closing.module';
export { DEAL_CLOSING_PROCESS_MANAGERS } from './deal-closing.process-managers';
