/** Handoff 4: promotion to a key account, owned by a KAM, by the head of sales or at a revenue threshold. */
import type { Static } from '@sinclair/typebox';
import { forbidden, invalidTransition } from '#libs/event-sourcing';
import type { AccountEvent, AccountPromotedToKey, Actor, Money } from '#libs/contracts';
import { requireActiveAccount } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

type Promotion = Pick<Static<typeof AccountPromotedToKey.schema>, 'accountId' | 'kamId' | 'rule' | 'candidates' | 'skipped'>;

/** The head of sales promotes when they decide to. */
export interface PromoteAccountToKey {
  readonly type: 'PromoteAccountToKey';
  readonly by: Actor;
  readonly promotion: Promotion;
}

/** The revenue process manager promotes when the account's revenue reaches the threshold. */
export interface PromoteAccountIfOverThreshold {
  readonly type: 'PromoteAccountIfOverThreshold';
  readonly by: Actor;
  readonly threshold: number;
  readonly promotion: Promotion;
}

export function decidePromoteAccountToKey(command: PromoteAccountToKey, state: AccountState): AccountEvent[] {
  const account = requireActiveAccount(state, command.promotion.accountId);
  if (command.by.role !== 'head-of-sales') throw forbidden('only-head-of-sales-promotes', 'only the head of sales promotes by hand');
  if (account.key) throw invalidTransition('already-key', `account ${account.accountId} is a key account already`);
  return [promoted(command.promotion, account.ownerId, 'head-of-sales', account.revenue)];
}

export function decidePromoteAccountIfOverThreshold(command: PromoteAccountIfOverThreshold, state: AccountState): AccountEvent[] {
  if (state.status !== 'active' || state.key || state.revenue.amount < command.threshold) return [];
  return [promoted(command.promotion, state.ownerId, 'revenue-threshold', state.revenue)];
}

function promoted(
  promotion: Promotion,
  previousOwnerId: string | undefined,
  reason: 'revenue-threshold' | 'head-of-sales',
  revenue: Money,
): AccountEvent {
  return {
    type: 'AccountPromotedToKey',
    data: { ...promotion, reason, revenue: { ...revenue }, ...(previousOwnerId ? { previousOwnerId } : {}) },
  };
}
