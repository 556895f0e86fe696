/** A call script (stream `call-script-<scriptId>`): versions published one after another, then retired. */
import { assertNever, type Decider } from '#libs/event-sourcing';
import type { CallScriptEvent } from '#libs/contracts';
import { decidePublishCallScript, type PublishCallScript } from '../publish-call-script/publish-call-script.command';
import { decideRetireCallScript, type RetireCallScript } from '../retire-call-script/retire-call-script.command';
import { evolveCallScript, initialCallScriptState, type CallScriptState } from './call-script.state';

export type CallScriptCommand = PublishCallScript | RetireCallScript;

export const callScriptStreamId = (scriptId: string): string => `call-script-${scriptId}`;

export const callScriptDecider: Decider<CallScriptCommand, CallScriptEvent, CallScriptState> = {
  initialState: initialCallScriptState,
  evolve: evolveCallScript,
  decide(command, state) {
    switch (command.type) {
      case 'PublishCallScript':
        return decidePublishCallScript(command, state);
      case 'RetireCallScript':
        return decideRetireCallScript(command, state);
      default:
        return assertNever(command);
    }
  },
};
