/**
 * libs/sales-management — the head of sales' own context: the roster of reps (join, role, availability,
 * leave). Plans and assistant tasks come next. It imports no other context.
 */
export { repDecider, repStreamId, type RepCommand } from './rep/rep.decider';
export { SalesManagementModule } from './sales-management.module';
export { planDecider, planStreamId } from './plans/plan.decider';
export { taskDecider, taskStreamId } from './tasks/task.decider';
