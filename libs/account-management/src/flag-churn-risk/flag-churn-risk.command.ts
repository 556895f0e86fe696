import type { AccountEvent, Actor } from '#libs/contracts';
import { requireAccountOwner, requireActiveAccount } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

export interface FlagChurnRisk {
  readonly type: 'FlagChurnRisk';
  readonly by: Actor;
  readonly accountId: string;
  readonly level: 'low' | 'medium' | 'high';
  readonly reason: string;
}

export function decideFlagChurnRisk(command: FlagChurnRisk, state: AccountState): AccountEvent[] {
  const account = requireActiveAccount(state, command.accountId);
  requireAccountOwner(account, command.by);
  return [{ type: 'ChurnRiskFlagged', data: { accountId: command.accountId, level: command.level, reason: command.reason } }];
}
