/** A key account goes back to a farmer. */
import { forbidden, invalidTransition } from '#libs/event-sourcing';
import type { AccountEvent, Actor } from '#libs/contracts';
import { requireActiveAccount } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

export interface DemoteAccountFromKey {
  readonly type: 'DemoteAccountFromKey';
  readonly by: Actor;
  readonly accountId: string;
  readonly farmerId: string;
  readonly reason: string;
}

export function decideDemoteAccountFromKey(command: DemoteAccountFromKey, state: AccountState): AccountEvent[] {
  const account = requireActiveAccount(state, command.accountId);
  if (command.by.role !== 'head-of-sales') throw forbidden('only-head-of-sales-demotes', 'only the head of sales demotes');
  if (!account.key) throw invalidTransition('not-key', `account ${account.accountId} is not a key account`);
  return [
    {
      type: 'AccountDemotedFromKey',
      data: { accountId: command.accountId, farmerId: command.farmerId, previousOwnerId: account.ownerId!, reason: command.reason },
    },
  ];
}
