/** What every roster use case's handler does with its command: run it on the rep's stream, answer its revision. */
import type { CommandEnvelope, CommandRunner, RunOptions } from '#libs/event-sourcing';
import { repDecider, repStreamId, type RepCommand } from './rep.decider';

export interface RepRevision {
  readonly repId: string;
  readonly revision: number;
}

export async function runOnRep(runner: CommandRunner, repId: string, command: RepCommand, envelope: CommandEnvelope, options: RunOptions): Promise<RepRevision> {
  const { revision } = await runner.run(repDecider, repStreamId(repId), command, envelope, options);
  return { repId, revision };
}
