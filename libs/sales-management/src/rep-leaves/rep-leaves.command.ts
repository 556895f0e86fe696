import type { RepEvent } from '#libs/contracts';
import { requireActiveRep } from '../rep/rep-rules';
import type { RepState } from '../rep/rep.state';

export interface RecordRepLeft {
  readonly type: 'RecordRepLeft';
  readonly repId: string;
  readonly reason?: string;
}

export function decideRecordRepLeft(command: RecordRepLeft, state: RepState): RepEvent[] {
  requireActiveRep(state, command.repId);
  return [{ type: 'RepLeft', data: { repId: command.repId, ...(command.reason ? { reason: command.reason } : {}) } }];
}
