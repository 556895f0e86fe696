import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnLead, type LeadRevision } from '../lead/run-on-lead';
import type { QualifyLead } from './qualify-lead.command';

export class QualifyLeadCommand extends UseCaseCommand<QualifyLead['qualification'], LeadRevision> {}

@CommandHandler(QualifyLeadCommand)
export class QualifyLeadHandler implements ICommandHandler<QualifyLeadCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: QualifyLeadCommand): Promise<LeadRevision> {
    return runOnLead(this.runner, input.leadId, { type: 'QualifyLead', by: envelope.actor, qualification: input }, envelope, options);
  }
}
