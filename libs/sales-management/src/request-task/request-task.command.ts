import type { Static } from '@sinclair/typebox';
import { invalidTransition, ruleBroken } from '#libs/event-sourcing';
import type { AssistantTaskRequested, TaskEvent } from '#libs/contracts';
import type { TaskState } from '../tasks/task.state';

export interface RequestTask {
  readonly type: 'RequestTask';
  readonly at: Date;
  readonly task: Static<typeof AssistantTaskRequested.schema>;
}

export function decideRequestTask({ task, at }: RequestTask, state: TaskState): TaskEvent[] {
  if (state.status !== 'none') throw invalidTransition('task-exists', `task ${task.taskId} exists already`);
  if ((task.dealId === undefined) === (task.accountId === undefined)) {
    throw ruleBroken('one-subject', 'a task is for exactly one deal or one account', 'dealId');
  }
  if (Date.parse(task.dueAt) <= at.getTime()) throw ruleBroken('due-in-past', 'the due date must be in the future', 'dueAt');
  return [{ type: 'AssistantTaskRequested', data: task }];
}
