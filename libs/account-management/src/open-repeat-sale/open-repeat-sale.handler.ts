import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { OpenRepeatSale } from './open-repeat-sale.command';

/** Repeat-sale ids derive from the request (its idempotency key), so that a retried request opens one sale. */
const REPEAT_SALE_ID_NAMESPACE = '08c6b7d9-a0b3-4ec5-9fe6-0718293a4b56';

export class OpenRepeatSaleCommand extends UseCaseCommand<Omit<OpenRepeatSale['repeatSale'], 'repeatSaleId'>, AccountRevision & { readonly repeatSaleId: string }> {}

@CommandHandler(OpenRepeatSaleCommand)
export class OpenRepeatSaleHandler implements ICommandHandler<OpenRepeatSaleCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input, envelope, options }: OpenRepeatSaleCommand): Promise<AccountRevision & { repeatSaleId: string }> {
    const repeatSaleId = newIdFor(envelope, REPEAT_SALE_ID_NAMESPACE);
    const result = await runOnAccount(this.runner, input.accountId, { type: 'OpenRepeatSale', by: envelope.actor, repeatSale: { ...input, repeatSaleId } }, envelope, options);
    return { ...result, repeatSaleId };
  }
}
