/**
 * A sales plan (stream `plan-<planId>`): a target for a period and a scope. Setting it again replaces the
 * target; the KPIs compare it with what happened (plan vs actual).
 */
import type { Decider } from '#libs/event-sourcing';
import type { PlanEvent } from '#libs/contracts';
import { decideSetPlan, type SetPlan } from '../set-plan/set-plan.command';
import { evolvePlan, initialPlanState, type PlanState } from './plan.state';

export const planStreamId = (planId: string): string => `plan-${planId}`;

export const planDecider: Decider<SetPlan, PlanEvent, PlanState> = {
  initialState: initialPlanState,
  evolve: evolvePlan,
  decide: decideSetPlan,
};
