/**
 * One CommandBus command for any aggregate: which decider, which stream, which command. The process managers'
 * `commands.run` goes through it (routes send their use case's own command: UseCaseCommand).
 */
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandEnvelope, type CommandResult, type Decider, type DomainEvent, type RunOptions } from '#libs/event-sourcing';

export class RunDeciderCommand<C = unknown, E extends DomainEvent = DomainEvent, S = unknown> extends Command<CommandResult<S>> {
  constructor(
    readonly decider: Decider<C, E, S>,
    readonly streamId: string,
    readonly command: C,
    readonly envelope: CommandEnvelope,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}

@CommandHandler(RunDeciderCommand)
export class RunDeciderHandler implements ICommandHandler<RunDeciderCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ decider, streamId, command, envelope, options }: RunDeciderCommand): Promise<CommandResult<unknown>> {
    return this.runner.run(decider, streamId, command, envelope, options);
  }
}
