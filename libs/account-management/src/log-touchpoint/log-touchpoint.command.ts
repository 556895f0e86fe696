import type { Static } from '@sinclair/typebox';
import type { AccountEvent, TouchpointLogged, Actor } from '#libs/contracts';
import { requireAccountOwner, requireActiveAccount } from '../account/account-rules';
import type { AccountState } from '../account/account.state';

export interface LogTouchpoint {
  readonly type: 'LogTouchpoint';
  readonly by: Actor;
  readonly touchpoint: Static<typeof TouchpointLogged.schema>;
}

export function decideLogTouchpoint(command: LogTouchpoint, state: AccountState): AccountEvent[] {
  const account = requireActiveAccount(state, command.touchpoint.accountId);
  requireAccountOwner(account, command.by);
  return [{ type: 'TouchpointLogged', data: command.touchpoint }];
}
