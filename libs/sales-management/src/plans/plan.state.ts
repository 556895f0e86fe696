import type { Static } from '@sinclair/typebox';
import type { PlanEvent, SalesPlanSet } from '#libs/contracts';

export type PlanState = { readonly status: 'none' } | { readonly status: 'set'; readonly plan: Static<typeof SalesPlanSet.schema> };

export const initialPlanState: PlanState = { status: 'none' };

export const evolvePlan = (_: PlanState, event: PlanEvent): PlanState => ({ status: 'set', plan: event.data });
