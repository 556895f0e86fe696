import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { DemoteAccountFromKey } from './demote-from-key.command';

export class DemoteAccountFromKeyCommand extends UseCaseCommand<Omit<DemoteAccountFromKey, 'type' | 'by'>, AccountRevision> {}

@CommandHandler(DemoteAccountFromKeyCommand)
export class DemoteAccountFromKeyHandler implements ICommandHandler<DemoteAccountFromKeyCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: DemoteAccountFromKeyCommand): Promise<AccountRevision> {
    return runOnAccount(this.runner, input.accountId, { type: 'DemoteAccountFromKey', by: envelope.actor, ...input }, envelope, options);
  }
}
