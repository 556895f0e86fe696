import { forbidden } from '#libs/event-sourcing';
import type { Actor, TaskEvent } from '#libs/contracts';
import { requireOpenTask, type TaskState } from '../tasks/task.state';

export interface CompleteTask {
  readonly type: 'CompleteTask';
  readonly by: Actor;
  readonly taskId: string;
  readonly note?: string;
}

/** By its sales assistant (or any, while unassigned), or the head of sales. */
export function decideCompleteTask({ by, taskId, note }: CompleteTask, state: TaskState): TaskEvent[] {
  const task = requireOpenTask(state, taskId);
  const mayComplete = by.role === 'head-of-sales' || (by.role === 'sales-assistant' && (task.assigneeId === undefined || task.assigneeId === by.userId));
  if (!mayComplete) throw forbidden('not-task-assignee', `task ${taskId} is assigned to ${task.assigneeId}`);
  return [{ type: 'AssistantTaskCompleted', data: { taskId, ...(note ? { note } : {}) } }];
}
