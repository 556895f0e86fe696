import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type TaskEvent } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { taskStreamId } from './task.decider';

export type TaskView = Record<string, unknown> & { readonly revision: number };

export class GetTaskQuery extends UseCaseQuery<{ readonly taskId: string }, TaskView> {}

/** The task as requested, then completed or cancelled; 404 for an unknown task. */
@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { taskId } }: GetTaskQuery): Promise<TaskView> {
    const history = await readStreamHistory<TaskEvent>(this.store, catalogueEventSchemas, taskStreamId(taskId));
    if (history.length === 0) throw notFound('task-not-found', `task ${taskId} does not exist`);
    let view: Record<string, unknown> = {};
    for (const { event, occurredAt } of history) {
      if (event.type === 'AssistantTaskRequested') view = { ...event.data, status: 'open', requestedAt: occurredAt.toISOString() };
      else if (event.type === 'AssistantTaskCompleted') view = { ...view, status: 'completed', completedAt: occurredAt.toISOString(), ...(event.data.note ? { completionNote: event.data.note } : {}) };
      else view = { ...view, status: 'cancelled', cancellationReason: event.data.reason };
    }
    return { ...view, revision: history.length - 1 };
  }
}
