import { forbidden, invalidTransition } from '#libs/event-sourcing';
import type { AccountEvent, Actor } from '#libs/contracts';
import { requireActiveAccount } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

export interface AssignFarmer {
  readonly type: 'AssignFarmer';
  readonly by: Actor;
  readonly accountId: string;
  readonly farmerId: string;
}

export function decideAssignFarmer(command: AssignFarmer, state: AccountState): AccountEvent[] {
  const account = requireActiveAccount(state, command.accountId);
  if (command.by.role !== 'head-of-sales') throw forbidden('only-head-of-sales-assigns', 'only the head of sales reassigns accounts');
  if (account.key) throw invalidTransition('key-account', 'a key account is owned by a KAM: demote it first');
  if (account.ownerId === command.farmerId) return [];
  return [
    {
      type: 'FarmerAssigned',
      data: { accountId: command.accountId, farmerId: command.farmerId, ...(account.ownerId ? { previousOwnerId: account.ownerId } : {}) },
    },
  ];
}
