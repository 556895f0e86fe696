import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type TaskEvent } from '#libs/contracts';
import { historyOf, notFound, personalDataSummary, readStreamHistory, type HistoryEntry, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { taskStreamId } from './task.decider';
import { foldTaskView, taskHistoryDetail, type TaskView } from './task.view';

/** The task's view, its history line by line, and whose personal data it holds. */
export type TaskPage = TaskView & { history: HistoryEntry[]; personalData: PersonalDataSummary };

export class GetTaskQuery extends UseCaseQuery<{ readonly taskId: string }, TaskPage> {}

/** The task as requested, then completed or cancelled; 404 for an unknown task. */
@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { taskId } }: GetTaskQuery): Promise<TaskPage> {
    const items = await readStreamHistory<TaskEvent>(this.store, catalogueEventSchemas, taskStreamId(taskId));
    const view = foldTaskView(items);
    if (!view) throw notFound('task-not-found', `task ${taskId} does not exist`);
    return { ...view, history: historyOf(items, taskHistoryDetail), personalData: await personalDataSummary(this.store, taskStreamId(taskId)) };
  }
}
