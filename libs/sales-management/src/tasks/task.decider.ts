/** An assistant task (stream `task-<taskId>`): requested by a rep, done by a sales assistant, or cancelled. */
import { assertNever, type Decider } from '#libs/event-sourcing';
import type { TaskEvent } from '#libs/contracts';
import { decideCancelTask, type CancelTask } from '../cancel-task/cancel-task.command';
import { decideCompleteTask, type CompleteTask } from '../complete-task/complete-task.command';
import { decideRequestTask, type RequestTask } from '../request-task/request-task.command';
import { evolveTask, initialTaskState, type TaskState } from './task.state';

export type TaskCommand = RequestTask | CompleteTask | CancelTask;

export const taskStreamId = (taskId: string): string => `task-${taskId}`;

export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  initialState: initialTaskState,
  evolve: evolveTask,
  decide(command, state) {
    switch (command.type) {
      case 'RequestTask':
        return decideRequestTask(command, state);
      case 'CompleteTask':
        return decideCompleteTask(command, state);
      case 'CancelTask':
        return decideCancelTask(command, state);
      default:
        return assertNever(command);
    }
  },
};
