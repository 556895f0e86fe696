import type { RepEvent, RepRole } from '#libs/contracts';
import { requireActiveRep } from '../rep/rep-rules';
import type { RepState } from '../rep/rep.state';

export interface ChangeRepRole {
  readonly type: 'ChangeRepRole';
  readonly repId: string;
  readonly role: RepRole;
}

export function decideChangeRepRole(command: ChangeRepRole, state: RepState): RepEvent[] {
  const rep = requireActiveRep(state, command.repId);
  if (rep.role === command.role) return [];
  return [{ type: 'RepRoleChanged', data: { repId: command.repId, from: rep.role, to: command.role } }];
}
