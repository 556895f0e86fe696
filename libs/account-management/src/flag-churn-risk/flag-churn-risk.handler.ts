import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { FlagChurnRisk } from './flag-churn-risk.command';

export class FlagChurnRiskCommand extends UseCaseCommand<Omit<FlagChurnRisk, 'type' | 'by'>, AccountRevision> {}

@CommandHandler(FlagChurnRiskCommand)
export class FlagChurnRiskHandler implements ICommandHandler<FlagChurnRiskCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: FlagChurnRiskCommand): Promise<AccountRevision> {
    return runOnAccount(this.runner, input.accountId, { type: 'FlagChurnRisk', by: envelope.actor, ...input }, envelope, options);
  }
}
