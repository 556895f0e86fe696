import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type PlanEvent } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { planStreamId } from './plan.decider';

export type PlanView = PlanEvent['data'] & { readonly setAt: string; readonly revision: number };

export class GetPlanQuery extends UseCaseQuery<{ readonly planId: string }, PlanView> {}

/** The plan as set last; 404 for an unknown plan. */
@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { planId } }: GetPlanQuery): Promise<PlanView> {
    const history = await readStreamHistory<PlanEvent>(this.store, catalogueEventSchemas, planStreamId(planId));
    const latest = history.at(-1);
    if (!latest) throw notFound('plan-not-found', `plan ${planId} does not exist`);
    return { ...latest.event.data, setAt: latest.occurredAt.toISOString(), revision: history.length - 1 };
  }
}
