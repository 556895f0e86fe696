import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { OpenAccount } from './open-account.command';

/** Sent by the handoff process manager when a deal is won (no route opens an account). */
export class OpenAccountCommand extends UseCaseCommand<OpenAccount['account'], AccountRevision> {}

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: OpenAccountCommand): Promise<AccountRevision> {
    return runOnAccount(this.runner, input.accountId, { type: 'OpenAccount', by: envelope.actor, account: input }, envelope, options);
  }
}
