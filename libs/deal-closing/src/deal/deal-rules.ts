/** Rules most deal commands share: the deal exists, is still open, and is worked by its owner. */
import { forbidden, invalidTransition, notFound, ruleBroken } from '#libs/event-sourcing';
import type { DealState, OpenDeal } from './deal.state';
import type { Actor } from '#libs/contracts';

export function requireOpenDeal(state: DealState, dealId: string): OpenDeal {
  if (state.status === 'none') throw notFound('deal-not-found', `deal ${dealId} does not exist`);
  if (state.status === 'won') throw invalidTransition('deal-won', `deal ${dealId} is already won`);
  if (state.status === 'lost') throw invalidTransition('deal-lost', `deal ${dealId} is lost`);
  return state;
}

/** The deal's owner is its closer once handed over, its hunter before; the head of sales may always act. */
export function requireDealOwner(deal: OpenDeal, actor: Actor): void {
  if (actor.role === 'head-of-sales') return;
  const owner = deal.closerId ?? deal.hunterId;
  const ownerRole = deal.closerId === undefined ? 'hunter' : 'closer';
  if (actor.userId === owner && actor.role === ownerRole) return;
  throw forbidden('not-deal-owner', `deal ${deal.dealId} is worked by ${owner}, not by ${actor.userId}`);
}

/** A time the command names must lie after the moment it is given. */
export function requireFuture(instant: string, now: Date, code: string, field: string): void {
  if (Date.parse(instant) <= now.getTime()) throw ruleBroken(code, `${field} must be in the future`, field);
}

export function requirePositive(amount: number, field: string): void {
  if (!(amount > 0)) throw ruleBroken('amount-not-positive', `${field} must be above zero`, field);
}
