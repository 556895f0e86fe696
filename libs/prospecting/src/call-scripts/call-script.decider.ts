/** A call script (stream `call-script-<scriptId>`): versions published one after another, then retired. */
import { assertNever, invalidTransition, notFound, type Decider } from '#libs/event-sourcing';
import type { CallScriptEvent } from '#libs/contracts';

interface PublishCallScript {
  readonly type: 'PublishCallScript';
  readonly scriptId: string;
  readonly title: string;
  readonly steps: readonly string[];
  /** True for POST /call-scripts (a new script), false for a new version of an existing one. */
  readonly isNew: boolean;
}

interface RetireCallScript {
  readonly type: 'RetireCallScript';
  readonly scriptId: string;
  readonly reason?: string;
}

export type CallScriptCommand = PublishCallScript | RetireCallScript;

type CallScriptState = { readonly status: 'none' } | { readonly status: 'active' | 'retired'; readonly version: number };

export const callScriptStreamId = (scriptId: string): string => `call-script-${scriptId}`;

export const callScriptDecider: Decider<CallScriptCommand, CallScriptEvent, CallScriptState> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'CallScriptPublished':
        return { status: 'active', version: event.data.version };
      case 'CallScriptRetired':
        return state.status === 'none' ? state : { ...state, status: 'retired' };
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'PublishCallScript': {
        if (command.isNew && state.status !== 'none') throw invalidTransition('script-exists', `call script ${command.scriptId} exists: publish a new version`);
        if (!command.isNew && state.status === 'none') throw notFound('script-not-found', `call script ${command.scriptId} does not exist`);
        if (state.status === 'retired') throw invalidTransition('script-retired', `call script ${command.scriptId} is retired`);
        const version = state.status === 'none' ? 1 : state.version + 1;
        return [{ type: 'CallScriptPublished', data: { scriptId: command.scriptId, version, title: command.title, steps: [...command.steps] } }];
      }
      case 'RetireCallScript':
        if (state.status === 'none') throw notFound('script-not-found', `call script ${command.scriptId} does not exist`);
        if (state.status === 'retired') return [];
        return [{ type: 'CallScriptRetired', data: { scriptId: command.scriptId, ...(command.reason ? { reason: command.reason } : {}) } }];
      default:
        return assertNever(command);
    }
  },
};
