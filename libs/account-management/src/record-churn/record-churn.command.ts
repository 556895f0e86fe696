import { invalidTransition } from '#libs/event-sourcing';
import type { AccountEvent, Actor } from '#libs/contracts';
import { requireAccountOwner, requireActiveAccount } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

export interface RecordChurn {
  readonly type: 'RecordChurn';
  readonly by: Actor;
  readonly accountId: string;
  readonly reason: string;
}

export function decideRecordChurn(command: RecordChurn, state: AccountState): AccountEvent[] {
  const account = requireActiveAccount(state, command.accountId);
  requireAccountOwner(account, command.by);
  const open = Object.entries(account.repeatSales).filter(([, status]) => status === 'open');
  if (open.length > 0) {
    throw invalidTransition('open-repeat-sales', `close the open repeat sales first: ${open.map(([id]) => id).join(', ')}`);
  }
  return [{ type: 'AccountChurned', data: { accountId: command.accountId, reason: command.reason } }];
}
