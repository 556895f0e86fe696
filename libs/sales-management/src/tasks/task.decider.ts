/** An assistant task (stream `task-<taskId>`): requested by a rep, done by a sales assistant, or cancelled. */
import type { Static } from '@sinclair/typebox';
import { assertNever, forbidden, invalidTransition, notFound, ruleBroken, type Decider } from '#libs/event-sourcing';
import type { AssistantTaskRequested, TaskEvent, Actor } from '#libs/contracts';

export interface RequestTask {
  readonly type: 'RequestTask';
  readonly at: Date;
  readonly task: Static<typeof AssistantTaskRequested.schema>;
}

export interface CompleteTask {
  readonly type: 'CompleteTask';
  readonly by: Actor;
  readonly taskId: string;
  readonly note?: string;
}

export interface CancelTask {
  readonly type: 'CancelTask';
  readonly by: Actor;
  readonly taskId: string;
  readonly reason: string;
}

export type TaskCommand = RequestTask | CompleteTask | CancelTask;

type TaskState =
  | { readonly status: 'none' }
  | { readonly status: 'open' | 'completed' | 'cancelled'; readonly requesterId: string; readonly assigneeId: string | undefined };

export const taskStreamId = (taskId: string): string => `task-${taskId}`;

function requireOpen(state: TaskState, taskId: string): Exclude<TaskState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('task-not-found', `task ${taskId} does not exist`);
  if (state.status !== 'open') throw invalidTransition(`task-${state.status}`, `task ${taskId} is already ${state.status}`);
  return state;
}

export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'AssistantTaskRequested':
        return { status: 'open', requesterId: event.data.requesterId, assigneeId: event.data.assigneeId };
      case 'AssistantTaskCompleted':
        return state.status === 'none' ? state : { ...state, status: 'completed' };
      case 'AssistantTaskCancelled':
        return state.status === 'none' ? state : { ...state, status: 'cancelled' };
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RequestTask': {
        const { task } = command;
        if (state.status !== 'none') throw invalidTransition('task-exists', `task ${task.taskId} exists already`);
        if ((task.dealId === undefined) === (task.accountId === undefined)) {
          throw ruleBroken('one-subject', 'a task is for exactly one deal or one account', 'dealId');
        }
        if (Date.parse(task.dueAt) <= command.at.getTime()) throw ruleBroken('due-in-past', 'the due date must be in the future', 'dueAt');
        return [{ type: 'AssistantTaskRequested', data: task }];
      }
      case 'CompleteTask': {
        const task = requireOpen(state, command.taskId);
        const { by } = command;
        const mayComplete =
          by.role === 'head-of-sales' || (by.role === 'sales-assistant' && (task.assigneeId === undefined || task.assigneeId === by.userId));
        if (!mayComplete) throw forbidden('not-task-assignee', `task ${command.taskId} is assigned to ${task.assigneeId}`);
        return [{ type: 'AssistantTaskCompleted', data: { taskId: command.taskId, ...(command.note ? { note: command.note } : {}) } }];
      }
      case 'CancelTask': {
        const task = requireOpen(state, command.taskId);
        if (command.by.role !== 'head-of-sales' && command.by.userId !== task.requesterId) {
          throw forbidden('not-task-requester', `only ${task.requesterId}, who asked for task ${command.taskId}, or the head of sales cancels it`);
        }
        return [{ type: 'AssistantTaskCancelled', data: { taskId: command.taskId, reason: command.reason } }];
      }
      default:
        return assertNever(command);
    }
  },
};
