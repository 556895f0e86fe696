/** A rep in the roster (stream `rep-<repId>`); only the head of sales sends these commands (the matrix says so). */
import { assertNever, type Decider } from '#libs/event-sourcing';
import type { RepEvent } from '#libs/contracts';
import { decideChangeRepRole, type ChangeRepRole } from '../change-rep-role/change-rep-role.command';
import { decideJoinRep, type JoinRep } from '../join-rep/join-rep.command';
import { decideRecordRepLeft, type RecordRepLeft } from '../rep-leaves/rep-leaves.command';
import { decideSetRepAvailability, type SetRepAvailability } from '../set-rep-availability/set-rep-availability.command';
import { evolveRep, initialRepState, type RepState } from './rep.state';

export type RepCommand = JoinRep | ChangeRepRole | SetRepAvailability | RecordRepLeft;

export const repStreamId = (repId: string): string => `rep-${repId}`;

export const repDecider: Decider<RepCommand, RepEvent, RepState> = {
  initialState: initialRepState,
  evolve: evolveRep,
  decide(command, state) {
    switch (command.type) {
      case 'JoinRep':
        return decideJoinRep(command, state);
      case 'ChangeRepRole':
        return decideChangeRepRole(command, state);
      case 'SetRepAvailability':
        return decideSetRepAvailability(command, state);
      case 'RecordRepLeft':
        return decideRecordRepLeft(command, state);
      default:
        return assertNever(command);
    }
  },
};
