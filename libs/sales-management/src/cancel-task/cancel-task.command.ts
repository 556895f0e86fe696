import { forbidden } from '#libs/event-sourcing';
import type { Actor, TaskEvent } from '#libs/contracts';
import { requireOpenTask, type TaskState } from '../tasks/task.state';

export interface CancelTask {
  readonly type: 'CancelTask';
  readonly by: Actor;
  readonly taskId: string;
  readonly reason: string;
}

/** By whoever asked for it, or the head of sales. */
export function decideCancelTask({ by, taskId, reason }: CancelTask, state: TaskState): TaskEvent[] {
  const task = requireOpenTask(state, taskId);
  if (by.role !== 'head-of-sales' && by.userId !== task.requesterId) {
    throw forbidden('not-task-requester', `only ${task.requesterId}, who asked for task ${taskId}, or the head of sales cancels it`);
  }
  return [{ type: 'AssistantTaskCancelled', data: { taskId, reason } }];
}
