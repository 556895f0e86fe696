import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { planDecider, planStreamId } from '../plans/plan.decider';
import type { SetPlan } from './set-plan.command';

/** Plan ids derive from the request (its idempotency key) when the head of sales names none. */
const PLAN_ID_NAMESPACE = '2ae8d9fb-c2d5-40e7-b108-293a4b5c6d78';

export class SetPlanCommand extends UseCaseCommand<Omit<SetPlan['plan'], 'planId'> & { readonly planId?: string }, { readonly planId: string; readonly revision: number }> {}

@CommandHandler(SetPlanCommand)
export class SetPlanHandler implements ICommandHandler<SetPlanCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input, envelope, options }: SetPlanCommand): Promise<{ planId: string; revision: number }> {
    const planId = input.planId ?? newIdFor(envelope, PLAN_ID_NAMESPACE);
    const { revision } = await this.runner.run(planDecider, planStreamId(planId), { type: 'SetPlan', plan: { ...input, planId } }, envelope, {
      ...options,
      mintedId: input.planId === undefined,
    });
    return { planId, revision };
  }
}
