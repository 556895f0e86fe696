/** Rules most account commands share: the account exists, the client has not left, its owner acts. */
import { forbidden, invalidTransition, notFound, ruleBroken } from '#libs/event-sourcing';
import type { AccountState, ActiveAccount } from './account.state';
import type { Actor, Money } from '#libs/contracts';

export function requireActiveAccount(state: AccountState, accountId: string): ActiveAccount {
  if (state.status === 'none') throw notFound('account-not-found', `account ${accountId} does not exist`);
  if (state.status === 'churned') throw invalidTransition('account-churned', `the client of account ${accountId} has left`);
  return state;
}

/** The farmer who owns the account (the KAM of a key account), or the head of sales. */
export function requireAccountOwner(account: ActiveAccount, actor: Actor): void {
  if (actor.role === 'head-of-sales') return;
  const ownerRole = account.key ? 'kam' : 'farmer';
  if (actor.userId === account.ownerId && actor.role === ownerRole) return;
  throw forbidden('not-account-owner', `account ${account.accountId} is worked by ${account.ownerId ?? 'nobody yet'}, not by ${actor.userId}`);
}

export function requirePositiveIn(amount: Money, currency: string, field: string): void {
  if (!(amount.amount > 0)) throw ruleBroken('amount-not-positive', `${field} must be above zero`, `${field}.amount`);
  if (amount.currency !== currency) {
    throw ruleBroken('currency-mismatch', `the account keeps its revenue in ${currency}`, `${field}.currency`);
  }
}
