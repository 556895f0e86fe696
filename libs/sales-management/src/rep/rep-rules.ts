import { invalidTransition, notFound } from '#libs/event-sourcing';
import type { RepState } from './rep.state';

export function requireActiveRep(state: RepState, repId: string): Extract<RepState, { status: 'active' }> {
  if (state.status === 'none') throw notFound('rep-not-found', `rep ${repId} is not in the roster`);
  if (state.status === 'left') throw invalidTransition('rep-left', `rep ${repId} has left the department`);
  return state;
}
