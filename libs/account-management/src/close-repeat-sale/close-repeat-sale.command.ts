/** An open repeat sale is won (repeat revenue) or lost. */
import { invalidTransition, notFound } from '#libs/event-sourcing';
import type { AccountEvent, Actor, Money } from '#libs/contracts';
import { requireAccountOwner, requireActiveAccount, requirePositiveIn } from '../account/account-rules';
import type { AccountState, ActiveAccount } from '../account/account.state';

export interface CloseRepeatSale {
  readonly type: 'CloseRepeatSale';
  readonly by: Actor;
  readonly accountId: string;
  readonly repeatSaleId: string;
  readonly outcome: { readonly won: true; readonly amount: Money } | { readonly won: false; readonly reason: string };
}

export function decideCloseRepeatSale(command: CloseRepeatSale, state: AccountState): AccountEvent[] {
  const { accountId, repeatSaleId, outcome } = command;
  const account = requireActiveAccount(state, accountId);
  requireAccountOwner(account, command.by);
  requireOpenRepeatSale(account, repeatSaleId);
  if (!outcome.won) return [{ type: 'RepeatSaleLost', data: { accountId, repeatSaleId, reason: outcome.reason } }];
  requirePositiveIn(outcome.amount, account.revenue.currency, 'amount');
  return [
    {
      type: 'RepeatSaleWon',
      data: { accountId, repeatSaleId, amount: { ...outcome.amount }, ...(account.ownerId ? { ownerId: account.ownerId } : {}) },
    },
  ];
}

function requireOpenRepeatSale(account: ActiveAccount, repeatSaleId: string): void {
  const status = account.repeatSales[repeatSaleId];
  if (status === undefined) throw notFound('repeat-sale-not-found', `account ${account.accountId} has no repeat sale ${repeatSaleId}`);
  if (status !== 'open') throw invalidTransition(`repeat-sale-${status}`, `repeat sale ${repeatSaleId} is already ${status}`);
}
