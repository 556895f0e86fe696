import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import type { RepEvent, RepJoined } from '#libs/contracts';
import type { RepState } from '../rep/rep.state';

/** How many open leads, deals or accounts a rep carries unless the head of sales says otherwise. */
export const DEFAULT_REP_CAPACITY = 50;

export interface JoinRep {
  readonly type: 'JoinRep';
  readonly rep: Static<typeof RepJoined.schema>;
}

export function decideJoinRep(command: JoinRep, state: RepState): RepEvent[] {
  if (state.status !== 'none') throw invalidTransition('rep-exists', `rep ${command.rep.repId} is already in the roster`);
  return [{ type: 'RepJoined', data: command.rep }];
}
