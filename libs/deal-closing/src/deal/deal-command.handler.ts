/** The CommandBus side of every deal use case: one thin shell around the shared CommandRunner. */
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandEnvelope, type CommandResult, type RunOptions } from '#libs/event-sourcing';
import { dealDecider, dealStreamId, type DealCommand } from './deal.decider';
import type { DealState } from './deal.state';

export class RunDealCommand extends Command<CommandResult<DealState>> {
  constructor(
    readonly dealId: string,
    readonly command: DealCommand,
    readonly envelope: CommandEnvelope,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}

@CommandHandler(RunDealCommand)
export class DealCommandHandler implements ICommandHandler<RunDealCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ dealId, command, envelope, options }: RunDealCommand): Promise<CommandResult<DealState>> {
    return this.runner.run(dealDecider, dealStreamId(dealId), command, envelope, options);
  }
}
