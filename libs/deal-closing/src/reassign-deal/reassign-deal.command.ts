import { forbidden, ruleBroken } from '#libs/event-sourcing';
import type { Actor, DealEvent } from '#libs/contracts';
import { requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

/** The head of sales gives an open deal to another rep of its owner's role (checked against the roster before). */
export interface ReassignDeal {
  readonly type: 'ReassignDeal';
  readonly by: Actor;
  readonly dealId: string;
  readonly ownerId: string;
  /** The new owner's role in the roster. */
  readonly ownerRole: string;
}

/** Its owner is its closer once handed over, its hunter before: the new owner takes that place. */
export function decideReassignDeal({ by, dealId, ownerId, ownerRole }: ReassignDeal, state: DealState): DealEvent[] {
  const deal = requireOpenDeal(state, dealId);
  if (by.role !== 'head-of-sales') throw forbidden('only-head-of-sales-reassigns', 'only the head of sales gives a deal to another rep');
  const role = deal.closerId === undefined ? 'hunter' : 'closer';
  const previousOwnerId = deal.closerId ?? deal.hunterId;
  if (ownerId === previousOwnerId) throw ruleBroken('same-owner', `deal ${dealId} is worked by ${ownerId} already`, 'ownerId');
  if (ownerRole !== role) throw ruleBroken('wrong-role', `deal ${dealId} is worked by a ${role}: give it to another ${role}, not to a ${ownerRole}`, 'ownerId');
  return [{ type: 'DealOwnerReassigned', data: { dealId, role, ownerId, previousOwnerId } }];
}
