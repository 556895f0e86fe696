/** What every deal use case's handler does with its command: run it on the deal's stream, answer its revision. */
import type { CommandEnvelope, CommandRunner, RunOptions } from '#libs/event-sourcing';
import { dealDecider, dealStreamId, type DealCommand } from './deal.decider';

export interface DealRevision {
  readonly dealId: string;
  readonly revision: number;
}

export async function runOnDeal(runner: CommandRunner, dealId: string, command: DealCommand, envelope: CommandEnvelope, options: RunOptions): Promise<DealRevision> {
  const { revision } = await runner.run(dealDecider, dealStreamId(dealId), command, envelope, options);
  return { dealId, revision };
}
