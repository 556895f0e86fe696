import { assertNever } from '#libs/event-sourcing';
import type { CallScriptEvent } from '#libs/contracts';

export type CallScriptState = { readonly status: 'none' } | { readonly status: 'active' | 'retired'; readonly version: number };

export const initialCallScriptState: CallScriptState = { status: 'none' };

export function evolveCallScript(state: CallScriptState, event: CallScriptEvent): CallScriptState {
  switch (event.type) {
    case 'CallScriptPublished':
      return { status: 'active', version: event.data.version };
    case 'CallScriptRetired':
      return state.status === 'none' ? state : { ...state, status: 'retired' };
    default:
      return assertNever(event);
  }
}
