/** Sales plans (stream `plan-<planId>`) and assistant tasks (stream `task-<taskId>`), owned by sales-management. */
import { Type } from '@sinclair/typebox';
import { Id, Instant, Strict, Text } from '../common.schemas';
import { personal } from '../privacy/personal-data';
import { defineEvent, type EventOf } from '../event-definition';
import { RepRoleSchema } from './rep.events';

export const PLAN_METRICS = [
  'new-business-revenue',
  'repeat-revenue',
  'deals-won',
  'leads-qualified',
  'meetings-held',
  'touchpoints',
] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];
export const REVENUE_METRICS: readonly PlanMetric[] = ['new-business-revenue', 'repeat-revenue'];

export const PlanScope = Type.Union([
  Strict({ kind: Type.Literal('team') }),
  Strict({ kind: Type.Literal('role'), role: RepRoleSchema }),
  Strict({ kind: Type.Literal('rep'), repId: Id }),
]);

export const SalesPlanSet = defineEvent({
  type: 'SalesPlanSet',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'The head of sales set (or reset) a target for a period, for the team, a role or one rep.',
  schema: Strict({
    planId: Id,
    periodStart: Instant,
    periodEnd: Instant,
    scope: PlanScope,
    metric: Type.Union(PLAN_METRICS.map((metric) => Type.Literal(metric))),
    target: Type.Number({ minimum: 0, maximum: 1e12 }),
    /** For the revenue metrics: the currency the target is in. */
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  }),
});

export const TASK_KINDS = ['presentation', 'proposal', 'contract-documents', 'report'] as const;

export const AssistantTaskRequested = defineEvent({
  type: 'AssistantTaskRequested',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'A rep asked a sales assistant to prepare something for a deal or an account, by a due date.',
  personalData: {
    owner: (data) => `task-${String(data.taskId)}`,
    inheritsFrom: (data) => (data.dealId !== undefined ? `deal-${String(data.dealId)}` : data.accountId !== undefined ? `account-${String(data.accountId)}` : undefined),
  },
  schema: Strict({
    taskId: Id,
    kind: Type.Union(TASK_KINDS.map((kind) => Type.Literal(kind))),
    dealId: Type.Optional(Id),
    accountId: Type.Optional(Id),
    requesterId: Id,
    assigneeId: Type.Optional(Id),
    dueAt: Instant,
    note: Type.Optional(personal(Text(2000))),
  }),
});

export const AssistantTaskCompleted = defineEvent({
  type: 'AssistantTaskCompleted',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'The assistant finished the task.',
  personalData: { owner: (data) => `task-${String(data.taskId)}` },
  schema: Strict({ taskId: Id, note: Type.Optional(personal(Text(2000))) }),
});

export const AssistantTaskCancelled = defineEvent({
  type: 'AssistantTaskCancelled',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'The task is no longer needed.',
  schema: Strict({ taskId: Id, reason: Text(1000) }),
});

export const PLAN_AND_TASK_EVENTS = [SalesPlanSet, AssistantTaskRequested, AssistantTaskCompleted, AssistantTaskCancelled] as const;

export type PlanEvent = EventOf<typeof SalesPlanSet>;
export type TaskEvent = EventOf<typeof AssistantTaskRequested> | EventOf<typeof AssistantTaskCompleted> | EventOf<typeof AssistantTaskCancelled>;
