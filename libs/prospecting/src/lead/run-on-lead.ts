/** What every lead use case's handler does with its command: run it on the lead's stream, answer its revision. */
import type { CommandEnvelope, CommandRunner, RunOptions } from '#libs/event-sourcing';
import { leadDecider, leadStreamId, type LeadCommand } from './lead.decider';

export interface LeadRevision {
  readonly leadId: string;
  readonly revision: number;
}

export async function runOnLead(runner: CommandRunner, leadId: string, command: LeadCommand, envelope: CommandEnvelope, options: RunOptions): Promise<LeadRevision> {
  const { revision } = await runner.run(leadDecider, leadStreamId(leadId), command, envelope, options);
  return { leadId, revision };
}
