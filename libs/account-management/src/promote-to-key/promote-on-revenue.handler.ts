import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { PromoteAccountIfOverThreshold } from './promote-to-key.command';

/** Sent by the revenue process manager: promotes the account if its revenue has reached the threshold. */
export class PromoteAccountIfOverThresholdCommand extends UseCaseCommand<Omit<PromoteAccountIfOverThreshold, 'type' | 'by'>, AccountRevision> {}

@CommandHandler(PromoteAccountIfOverThresholdCommand)
export class PromoteAccountIfOverThresholdHandler implements ICommandHandler<PromoteAccountIfOverThresholdCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: PromoteAccountIfOverThresholdCommand): Promise<AccountRevision> {
    const command = { type: 'PromoteAccountIfOverThreshold', by: envelope.actor, ...input } as const;
    return runOnAccount(this.runner, input.promotion.accountId, command, envelope, options);
  }
}
