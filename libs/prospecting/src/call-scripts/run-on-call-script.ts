/** What both call-script use cases' handlers do: run the command on the script's stream, answer its version. */
import type { CommandEnvelope, CommandRunner, RunOptions } from '#libs/event-sourcing';
import { callScriptDecider, callScriptStreamId, type CallScriptCommand } from './call-script.decider';

export interface CallScriptRevision {
  readonly scriptId: string;
  /** The script's latest version (0 before the first). */
  readonly version: number;
  readonly revision: number;
}

export async function runOnCallScript(runner: CommandRunner, command: CallScriptCommand, envelope: CommandEnvelope, options: RunOptions): Promise<CallScriptRevision> {
  const { revision, state } = await runner.run(callScriptDecider, callScriptStreamId(command.scriptId), command, envelope, options);
  return { scriptId: command.scriptId, version: state.status === 'none' ? 0 : state.version, revision };
}
