import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandEnvelope, type CommandResult, type RunOptions } from '#libs/event-sourcing';
import { accountDecider, accountStreamId, type AccountCommand } from './account.decider';
import type { AccountState } from './account.state';

export class RunAccountCommand extends Command<CommandResult<AccountState>> {
  constructor(
    readonly accountId: string,
    readonly command: AccountCommand,
    readonly envelope: CommandEnvelope,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}

@CommandHandler(RunAccountCommand)
export class AccountCommandHandler implements ICommandHandler<RunAccountCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ accountId, command, envelope, options }: RunAccountCommand): Promise<CommandResult<AccountState>> {
    return this.runner.run(accountDecider, accountStreamId(accountId), command, envelope, options);
  }
}
