import type { Static } from '@sinclair/typebox';
import { forbidden } from '#libs/event-sourcing';
import type { DealEvent, DealOpened, Actor } from '#libs/contracts';
import type { DealState } from '../deal/deal.state';

/** Sent by the handoff process manager when a lead is handed off (or by the head of sales). */
export interface OpenDeal {
  readonly type: 'OpenDeal';
  readonly by: Actor;
  readonly deal: Static<typeof DealOpened.schema>;
}

export function decideOpenDeal(command: OpenDeal, state: DealState): DealEvent[] {
  if (command.by.role !== 'service' && command.by.role !== 'head-of-sales') {
    throw forbidden('deals-open-from-handoffs', 'a deal opens from a lead handoff');
  }
  // A redelivered handoff finds its deal already open: nothing more to do.
  if (state.status !== 'none') return [];
  return [{ type: 'DealOpened', data: command.deal }];
}
