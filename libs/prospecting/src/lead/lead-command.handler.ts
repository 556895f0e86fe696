/** The CommandBus side of every lead use case: one thin shell around the shared CommandRunner. */
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandEnvelope, type CommandResult, type RunOptions } from '#libs/event-sourcing';
import { leadDecider, leadStreamId, type LeadCommand } from './lead.decider';
import type { LeadState } from './lead.state';

export class RunLeadCommand extends Command<CommandResult<LeadState>> {
  constructor(
    readonly leadId: string,
    readonly command: LeadCommand,
    readonly envelope: CommandEnvelope,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}

@CommandHandler(RunLeadCommand)
export class LeadCommandHandler implements ICommandHandler<RunLeadCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ leadId, command, envelope, options }: RunLeadCommand): Promise<CommandResult<LeadState>> {
    return this.runner.run(leadDecider, leadStreamId(leadId), command, envelope, options);
  }
}
