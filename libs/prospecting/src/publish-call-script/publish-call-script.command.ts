import { invalidTransition, notFound } from '#libs/event-sourcing';
import type { CallScriptEvent } from '#libs/contracts';
import type { CallScriptState } from '../call-scripts/call-script.state';

export interface PublishCallScript {
  readonly type: 'PublishCallScript';
  readonly scriptId: string;
  readonly title: string;
  readonly steps: readonly string[];
  /** True for POST /call-scripts (a new script), false for a new version of an existing one. */
  readonly isNew: boolean;
}

/** Version 1 of a new script, or the next version of an active one. */
export function decidePublishCallScript(command: PublishCallScript, state: CallScriptState): CallScriptEvent[] {
  if (command.isNew && state.status !== 'none') throw invalidTransition('script-exists', `call script ${command.scriptId} exists: publish a new version`);
  if (!command.isNew && state.status === 'none') throw notFound('script-not-found', `call script ${command.scriptId} does not exist`);
  if (state.status === 'retired') throw invalidTransition('script-retired', `call script ${command.scriptId} is retired`);
  const version = state.status === 'none' ? 1 : state.version + 1;
  return [{ type: 'CallScriptPublished', data: { scriptId: command.scriptId, version, title: command.title, steps: [...command.steps] } }];
}
