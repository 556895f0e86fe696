import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { RosterHost, UseCaseCommand, newIdFor } from '#libs/platform';
import type { RequestTask } from './request-task.command';
import { runOnTask, type TaskRevision } from '../tasks/run-on-task';

/** Task ids derive from the request (its idempotency key), so that a retried request asks once. */
const TASK_ID_NAMESPACE = '3bf9eaac-d3e6-41f8-8219-3a4b5c6d7e89';

type RequestTaskInput = Omit<RequestTask['task'], 'taskId' | 'requesterId'>;

export class RequestTaskCommand extends UseCaseCommand<RequestTaskInput, TaskRevision & { readonly assigneeId: string | null }> {}

/** For the sales assistant named, or else the least-loaded available one (none available: the task waits unassigned). */
@CommandHandler(RequestTaskCommand)
export class RequestTaskHandler implements ICommandHandler<RequestTaskCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly rosterHost: RosterHost,
  ) {}

  async execute({ input, envelope, options }: RequestTaskCommand): Promise<TaskRevision & { assigneeId: string | null }> {
    const assigneeId = (await this.rosterHost.routeTo('sales-assistant', input.assigneeId))?.repId;
    const taskId = newIdFor(envelope, TASK_ID_NAMESPACE);
    const task = { ...input, taskId, requesterId: envelope.actor.userId, ...(assigneeId ? { assigneeId } : {}) };
    const result = await runOnTask(this.runner, taskId, { type: 'RequestTask', at: envelope.now, task }, envelope, { ...options, mintedId: true });
    return { ...result, assigneeId: assigneeId ?? null };
  }
}
