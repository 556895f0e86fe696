import { assertNever, invalidTransition, notFound } from '#libs/event-sourcing';
import type { TaskEvent } from '#libs/contracts';

export type TaskState =
  | { readonly status: 'none' }
  | { readonly status: 'open' | 'completed' | 'cancelled'; readonly requesterId: string; readonly assigneeId: string | undefined };

export const initialTaskState: TaskState = { status: 'none' };

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
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
}

/** The task, while it is still open: completing or cancelling a closed one is refused. */
export function requireOpenTask(state: TaskState, taskId: string): Exclude<TaskState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('task-not-found', `task ${taskId} does not exist`);
  if (state.status !== 'open') throw invalidTransition(`task-${state.status}`, `task ${taskId} is already ${state.status}`);
  return state;
}
