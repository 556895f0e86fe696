import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { CloseRepeatSale } from './close-repeat-sale.command';

export class CloseRepeatSaleCommand extends UseCaseCommand<Omit<CloseRepeatSale, 'type' | 'by'>, AccountRevision> {}

@CommandHandler(CloseRepeatSaleCommand)
export class CloseRepeatSaleHandler implements ICommandHandler<CloseRepeatSaleCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: CloseRepeatSaleCommand): Promise<AccountRevision> {
    return runOnAccount(this.runner, input.accountId, { type: 'CloseRepeatSale', by: envelope.actor, ...input }, envelope, options);
  }
}
