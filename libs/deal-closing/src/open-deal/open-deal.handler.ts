import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';
import type { OpenDeal } from './open-deal.command';

/** Sent by the handoff process manager (no route opens a deal: a deal opens from a lead handoff). */
export class OpenDealCommand extends UseCaseCommand<OpenDeal['deal'], DealRevision> {}

@CommandHandler(OpenDealCommand)
export class OpenDealHandler implements ICommandHandler<OpenDealCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: OpenDealCommand): Promise<DealRevision> {
    return runOnDeal(this.runner, input.dealId, { type: 'OpenDeal', by: envelope.actor, deal: input }, envelope, options);
  }
}
