import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { AssignFarmer } from './assign-farmer.command';

export class AssignFarmerCommand extends UseCaseCommand<Omit<AssignFarmer, 'type' | 'by'>, AccountRevision> {}

@CommandHandler(AssignFarmerCommand)
export class AssignFarmerHandler implements ICommandHandler<AssignFarmerCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: AssignFarmerCommand): Promise<AccountRevision> {
    return runOnAccount(this.runner, input.accountId, { type: 'AssignFarmer', by: envelope.actor, ...input }, envelope, options);
  }
}
