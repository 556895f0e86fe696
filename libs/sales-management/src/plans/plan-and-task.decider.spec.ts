import { checkEventData, type PlanEvent, type TaskEvent, type Actor } from '#libs/contracts';
import { given } from '../../../event-sourcing/src/decider-specification';
import { taskDecider, type TaskCommand } from '../tasks/task.decider';
import type { SetPlan } from '../set-plan/set-plan.command';
import { planDecider } from './plan.decider';

const now = new Date('2026-04-01T10:00:00.000Z');
const plan = {
  planId: 'q2-new-business',
  periodStart: '2026-04-01T00:00:00.000Z',
  periodEnd: '2026-07-01T00:00:00.000Z',
  scope: { kind: 'role' as const, role: 'hunter' as const },
  metric: 'new-business-revenue' as const,
  target: 12_000_000,
  currency: 'RUB',
};
const set = (changes: Partial<SetPlan['plan']> = {}): SetPlan => ({ type: 'SetPlan', plan: { ...plan, ...changes } as SetPlan['plan'] });

const anna: Actor = { userId: 'h-anna', role: 'hunter' };
const sasha: Actor = { userId: 'sa-sasha', role: 'sales-assistant' };
const masha: Actor = { userId: 'sa-masha', role: 'sales-assistant' };
const head: Actor = { userId: 'rop-1', role: 'head-of-sales' };
const task = { taskId: 'T1', kind: 'proposal' as const, dealId: 'D1', requesterId: 'h-anna', assigneeId: 'sa-sasha', dueAt: '2026-04-05T12:00:00.000Z' };
const requested: TaskEvent = { type: 'AssistantTaskRequested', data: task };

describe('Plan decider', () => {
  it('sets and resets a target, and does nothing for the same plan again', () => {
    given(planDecider, []).when(set()).then([{ type: 'SalesPlanSet', data: plan }]);
    const first: PlanEvent = { type: 'SalesPlanSet', data: plan };
    given(planDecider, [first]).when(set({ target: 15_000_000 })).then([{ type: 'SalesPlanSet', data: { ...plan, target: 15_000_000 } }]);
    given(planDecider, [first]).when(set()).then([]);
    expect(() => checkEventData('SalesPlanSet', plan)).not.toThrow();
  });

  it('refuses an empty period and a currency where it does not belong', () => {
    given(planDecider, []).when(set({ periodEnd: plan.periodStart })).thenRejects('rule-broken', 'empty-period', 'periodEnd');
    given(planDecider, []).when(set({ currency: undefined })).thenRejects('rule-broken', 'currency-required', 'currency');
    given(planDecider, []).when(set({ metric: 'meetings-held', target: 40 })).thenRejects('rule-broken', 'currency-not-applicable', 'currency');
  });
});

describe('Task decider', () => {
  const request = (changes: Partial<typeof task> & { accountId?: string } = {}): TaskCommand => ({ type: 'RequestTask', at: now, task: { ...task, ...changes } });

  it('takes a request for one deal or one account, due in the future', () => {
    given(taskDecider, []).when(request()).then([requested]);
    given(taskDecider, []).when(request({ accountId: 'A1' })).thenRejects('rule-broken', 'one-subject', 'dealId');
    given(taskDecider, []).when(request({ dueAt: '2026-03-01T00:00:00.000Z' })).thenRejects('rule-broken', 'due-in-past', 'dueAt');
    given(taskDecider, [requested]).when(request()).thenRejects('invalid-transition', 'task-exists');
  });

  it('is completed by its assignee (or the head of sales) and cancelled by its requester, once', () => {
    given(taskDecider, [requested]).when({ type: 'CompleteTask', by: sasha, taskId: 'T1', note: 'КП в папке сделки' }).then([
      { type: 'AssistantTaskCompleted', data: { taskId: 'T1', note: 'КП в папке сделки' } },
    ]);
    given(taskDecider, [requested]).when({ type: 'CompleteTask', by: masha, taskId: 'T1' }).thenRejects('forbidden', 'not-task-assignee');
    given(taskDecider, [requested]).when({ type: 'CancelTask', by: anna, taskId: 'T1', reason: 'Клиент передумал' }).then([
      { type: 'AssistantTaskCancelled', data: { taskId: 'T1', reason: 'Клиент передумал' } },
    ]);
    given(taskDecider, [requested]).when({ type: 'CancelTask', by: sasha, taskId: 'T1', reason: 'x' }).thenRejects('forbidden', 'not-task-requester');
    const done: TaskEvent = { type: 'AssistantTaskCompleted', data: { taskId: 'T1' } };
    given(taskDecider, [requested, done]).when({ type: 'CancelTask', by: head, taskId: 'T1', reason: 'x' }).thenRejects('invalid-transition', 'task-completed');
    given(taskDecider, []).when({ type: 'CompleteTask', by: head, taskId: 'T9' }).thenRejects('not-found', 'task-not-found');
    for (const event of [requested, done]) expect(() => checkEventData(event.type, event.data)).not.toThrow();
  });
});
