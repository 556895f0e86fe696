/**
 * A sales plan (stream `plan-<planId>`): a target for a period and a scope. Setting it again replaces the
 * target; the KPIs compare it with what happened (plan vs actual).
 */
import type { Static } from '@sinclair/typebox';
import { ruleBroken, type Decider } from '#libs/event-sourcing';
import { REVENUE_METRICS, type PlanEvent, type SalesPlanSet } from '#libs/contracts';

export interface SetPlan {
  readonly type: 'SetPlan';
  readonly plan: Static<typeof SalesPlanSet.schema>;
}

type PlanState = { readonly status: 'none' } | { readonly status: 'set'; readonly plan: Static<typeof SalesPlanSet.schema> };

export const planStreamId = (planId: string): string => `plan-${planId}`;

export const planDecider: Decider<SetPlan, PlanEvent, PlanState> = {
  initialState: { status: 'none' },
  evolve: (_, event) => ({ status: 'set', plan: event.data }),
  decide({ plan }, state) {
    if (Date.parse(plan.periodEnd) <= Date.parse(plan.periodStart)) {
      throw ruleBroken('empty-period', 'the period must end after it starts', 'periodEnd');
    }
    const isRevenue = REVENUE_METRICS.includes(plan.metric);
    if (isRevenue && plan.currency === undefined) throw ruleBroken('currency-required', `a ${plan.metric} target needs a currency`, 'currency');
    if (!isRevenue && plan.currency !== undefined) throw ruleBroken('currency-not-applicable', `a ${plan.metric} target is a count`, 'currency');
    if (state.status === 'set' && JSON.stringify(state.plan) === JSON.stringify(plan)) return [];
    return [{ type: 'SalesPlanSet', data: plan }];
  },
};
