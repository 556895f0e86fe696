/**
 * libs/sales-management — the head of sales' own context: the roster of reps (join, role, availability,
 * leave), the department's sales plans and the assistant tasks. It imports no other context.
 */
export { repDecider, repStreamId } from './rep/rep.decider';
export { SalesManagementModule } from './sales-management.module';
export { planDecider, planStreamId } from './plans/plan.decider';
