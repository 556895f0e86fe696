/** What every task use case's handler does with its command: run it on the task's stream, answer its revision. */
import type { CommandEnvelope, CommandRunner, RunOptions } from '#libs/event-sourcing';
import { taskDecider, taskStreamId, type TaskCommand } from './task.decider';

export interface TaskRevision {
  readonly taskId: string;
  readonly revision: number;
}

export async function runOnTask(runner: CommandRunner, taskId: string, command: TaskCommand, envelope: CommandEnvelope, options: RunOptions): Promise<TaskRevision> {
  const { revision } = await runner.run(taskDecider, taskStreamId(taskId), command, envelope, options);
  return { taskId, revision };
}
