import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { RecordChurn } from './record-churn.command';

export class RecordChurnCommand extends UseCaseCommand<Omit<RecordChurn, 'type' | 'by'>, AccountRevision> {}

@CommandHandler(RecordChurnCommand)
export class RecordChurnHandler implements ICommandHandler<RecordChurnCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: RecordChurnCommand): Promise<AccountRevision> {
    return runOnAccount(this.runner, input.accountId, { type: 'RecordChurn', by: envelope.actor, ...input }, envelope, options);
  }
}
