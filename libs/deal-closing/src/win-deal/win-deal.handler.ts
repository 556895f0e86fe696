import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountIdForDeal, type Money } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

export class WinDealCommand extends UseCaseCommand<
  { readonly dealId: string; readonly amount: Money; readonly closerPercent: number },
  DealRevision & { readonly accountId: string }
> {}

/** The answer names the account the client gets in account-management (handoff 3). */
@CommandHandler(WinDealCommand)
export class WinDealHandler implements ICommandHandler<WinDealCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input: { dealId, amount, closerPercent }, envelope, options }: WinDealCommand): Promise<DealRevision & { accountId: string }> {
    const accountId = accountIdForDeal(dealId);
    const result = await runOnDeal(this.runner, dealId, { type: 'WinDeal', by: envelope.actor, dealId, amount: { ...amount }, closerPercent, accountId }, envelope, options);
    return { ...result, accountId };
  }
}
