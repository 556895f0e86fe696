import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DealStage } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

export class ChangeDealStageCommand extends UseCaseCommand<{ readonly dealId: string; readonly to: DealStage }, DealRevision> {}

@CommandHandler(ChangeDealStageCommand)
export class ChangeDealStageHandler implements ICommandHandler<ChangeDealStageCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input: { dealId, to }, envelope, options }: ChangeDealStageCommand): Promise<DealRevision> {
    return runOnDeal(this.runner, dealId, { type: 'ChangeDealStage', by: envelope.actor, dealId, to }, envelope, options);
  }
}
