import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import type { CompleteTask } from './complete-task.command';
import { runOnTask, type TaskRevision } from '../tasks/run-on-task';

export class CompleteTaskCommand extends UseCaseCommand<Omit<CompleteTask, 'type' | 'by'>, TaskRevision> {}

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: CompleteTaskCommand): Promise<TaskRevision> {
    return runOnTask(this.runner, input.taskId, { type: 'CompleteTask', by: envelope.actor, ...input }, envelope, options);
  }
}
