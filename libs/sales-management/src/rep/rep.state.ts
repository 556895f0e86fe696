import { assertNever } from '#libs/event-sourcing';
import type { RepEvent, RepRole } from '#libs/contracts';

export type RepState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly repId: string; readonly role: RepRole; readonly available: boolean }
  | { readonly status: 'left'; readonly repId: string };

export const initialRepState: RepState = { status: 'none' };

export function evolveRep(state: RepState, event: RepEvent): RepState {
  switch (event.type) {
    case 'RepJoined':
      return { status: 'active', repId: event.data.repId, role: event.data.role, available: true };
    case 'RepRoleChanged':
      return state.status === 'active' ? { ...state, role: event.data.to } : state;
    case 'RepAvailabilityChanged':
      return state.status === 'active' ? { ...state, available: event.data.available } : state;
    case 'RepLeft':
      return { status: 'left', repId: event.data.repId };
    default:
      return assertNever(event);
  }
}
