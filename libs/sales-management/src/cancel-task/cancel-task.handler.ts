import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import type { CancelTask } from './cancel-task.command';
import { runOnTask, type TaskRevision } from '../tasks/run-on-task';

export class CancelTaskCommand extends UseCaseCommand<Omit<CancelTask, 'type' | 'by'>, TaskRevision> {}

@CommandHandler(CancelTaskCommand)
export class CancelTaskHandler implements ICommandHandler<CancelTaskCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: CancelTaskCommand): Promise<TaskRevision> {
    return runOnTask(this.runner, input.taskId, { type: 'CancelTask', by: envelope.actor, ...input }, envelope, options);
  }
}
