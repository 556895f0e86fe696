import type { Static } from '@sinclair/typebox';
import { ruleBroken } from '#libs/event-sourcing';
import { REVENUE_METRICS, type PlanEvent, type SalesPlanSet } from '#libs/contracts';
import type { PlanState } from '../plans/plan.state';

export interface SetPlan {
  readonly type: 'SetPlan';
  readonly plan: Static<typeof SalesPlanSet.schema>;
}

/** Setting a plan again replaces its target; the same plan again appends nothing. */
export function decideSetPlan({ plan }: SetPlan, state: PlanState): PlanEvent[] {
  if (Date.parse(plan.periodEnd) <= Date.parse(plan.periodStart)) {
    throw ruleBroken('empty-period', 'the period must end after it starts', 'periodEnd');
  }
  const isRevenue = REVENUE_METRICS.includes(plan.metric);
  if (isRevenue && plan.currency === undefined) throw ruleBroken('currency-required', `a ${plan.metric} target needs a currency`, 'currency');
  if (!isRevenue && plan.currency !== undefined) throw ruleBroken('currency-not-applicable', `a ${plan.metric} target is a count`, 'currency');
  if (state.status === 'set' && JSON.stringify(state.plan) === JSON.stringify(plan)) return [];
  return [{ type: 'SalesPlanSet', data: plan }];
}
