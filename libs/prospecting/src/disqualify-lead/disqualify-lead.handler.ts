import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnLead, type LeadRevision } from '../lead/run-on-lead';
import type { DisqualifyLead } from './disqualify-lead.command';

export class DisqualifyLeadCommand extends UseCaseCommand<DisqualifyLead['disqualification'], LeadRevision> {}

@CommandHandler(DisqualifyLeadCommand)
export class DisqualifyLeadHandler implements ICommandHandler<DisqualifyLeadCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: DisqualifyLeadCommand): Promise<LeadRevision> {
    return runOnLead(this.runner, input.leadId, { type: 'DisqualifyLead', by: envelope.actor, disqualification: input }, envelope, options);
  }
}
