import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnLead, type LeadRevision } from '../lead/run-on-lead';
import type { AssignLead } from './assign-lead.command';

export class AssignLeadCommand extends UseCaseCommand<AssignLead['assignment'], LeadRevision> {}

@CommandHandler(AssignLeadCommand)
export class AssignLeadHandler implements ICommandHandler<AssignLeadCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: AssignLeadCommand): Promise<LeadRevision> {
    return runOnLead(this.runner, input.leadId, { type: 'AssignLead', by: envelope.actor, assignment: input }, envelope, options);
  }
}
