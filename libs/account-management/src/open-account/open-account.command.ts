import type { Static } from '@sinclair/typebox';
import { forbidden } from '#libs/event-sourcing';
import type { AccountEvent, AccountOpened, Actor } from '#libs/contracts';
import type { AccountState } from '../account/account.state';

/** Sent by the handoff process manager when a deal with a new client is won. */
export interface OpenAccount {
  readonly type: 'OpenAccount';
  readonly by: Actor;
  readonly account: Static<typeof AccountOpened.schema>;
}

export function decideOpenAccount(command: OpenAccount, state: AccountState): AccountEvent[] {
  if (command.by.role !== 'service' && command.by.role !== 'head-of-sales') {
    throw forbidden('accounts-open-from-won-deals', 'an account opens from a won deal');
  }
  // A redelivered win finds its account open already.
  if (state.status !== 'none') return [];
  return [{ type: 'AccountOpened', data: command.account }];
}
