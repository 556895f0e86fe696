import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandEnvelope, type CommandResult, type RunOptions } from '#libs/event-sourcing';
import { repDecider, repStreamId, type RepCommand } from './rep.decider';
import type { RepState } from './rep.state';

export class RunRepCommand extends Command<CommandResult<RepState>> {
  constructor(
    readonly repId: string,
    readonly command: RepCommand,
    readonly envelope: CommandEnvelope,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}

@CommandHandler(RunRepCommand)
export class RepCommandHandler implements ICommandHandler<RunRepCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ repId, command, envelope, options }: RunRepCommand): Promise<CommandResult<RepState>> {
    return this.runner.run(repDecider, repStreamId(repId), command, envelope, options);
  }
}
