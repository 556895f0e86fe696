/** Repeat sales on an existing account: opened, then won (repeat revenue) or lost. */
import type { Static } from '@sinclair/typebox';
import { invalidTransition, notFound } from '#libs/event-sourcing';
import type { AccountEvent, RepeatSaleOpened, Actor, Money } from '#libs/contracts';
import { requireAccountOwner, requireActiveAccount, requirePositiveIn } from '../account/account-rules';
import type { AccountState, ActiveAccount } from '../account/account.state';

export interface OpenRepeatSale {
  readonly type: 'OpenRepeatSale';
  readonly by: Actor;
  readonly repeatSale: Static<typeof RepeatSaleOpened.schema>;
}

export interface CloseRepeatSale {
  readonly type: 'CloseRepeatSale';
  readonly by: Actor;
  readonly accountId: string;
  readonly repeatSaleId: string;
  readonly outcome: { readonly won: true; readonly amount: Money } | { readonly won: false; readonly reason: string };
}

export function decideOpenRepeatSale(command: OpenRepeatSale, state: AccountState): AccountEvent[] {
  const { repeatSale } = command;
  const account = requireActiveAccount(state, repeatSale.accountId);
  requireAccountOwner(account, command.by);
  if (account.repeatSales[repeatSale.repeatSaleId] !== undefined) {
    throw invalidTransition('repeat-sale-exists', `repeat sale ${repeatSale.repeatSaleId} is already on the account`);
  }
  requirePositiveIn(repeatSale.estimatedValue, account.revenue.currency, 'estimatedValue');
  return [{ type: 'RepeatSaleOpened', data: repeatSale }];
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
