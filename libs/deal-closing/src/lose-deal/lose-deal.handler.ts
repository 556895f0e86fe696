import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DEAL_LOSS_REASONS } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

export interface LoseDealInput {
  readonly dealId: string;
  readonly reason: (typeof DEAL_LOSS_REASONS)[number];
  readonly competitor?: string;
  readonly note?: string;
}

export class LoseDealCommand extends UseCaseCommand<LoseDealInput, DealRevision> {}

@CommandHandler(LoseDealCommand)
export class LoseDealHandler implements ICommandHandler<LoseDealCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: LoseDealCommand): Promise<DealRevision> {
    return runOnDeal(this.runner, input.dealId, { type: 'LoseDeal', by: envelope.actor, loss: { ...input } }, envelope, options);
  }
}
