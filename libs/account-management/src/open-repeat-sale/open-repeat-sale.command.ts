/** A repeat sale is opened on an existing account by its owner. */
import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import type { AccountEvent, Actor, RepeatSaleOpened } from '#libs/contracts';
import { requireAccountOwner, requireActiveAccount, requirePositiveIn } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

export interface OpenRepeatSale {
  readonly type: 'OpenRepeatSale';
  readonly by: Actor;
  readonly repeatSale: Static<typeof RepeatSaleOpened.schema>;
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
