import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import type { RepEvent, RepJoined } from '#libs/contracts';
import type { RepState } from '../rep/rep.state';

export interface JoinRep {
  readonly type: 'JoinRep';
  readonly rep: Static<typeof RepJoined.schema>;
}

export function decideJoinRep(command: JoinRep, state: RepState): RepEvent[] {
  if (state.status !== 'none') throw invalidTransition('rep-exists', `rep ${command.rep.repId} is already in the roster`);
  return [{ type: 'RepJoined', data: command.rep }];
}
