/** The OpenAPI description of GET /tasks/{taskId} (TaskPage: the view folded in task.view.ts, its history, its personal data). */
import { TASK_KINDS } from '#libs/contracts';
import { count, described, enumOf, historySchema, instant, object, personalDataSchema, personalText, text, type Schema } from '#libs/platform';

export const TASK_PAGE_SCHEMA: Schema = object(
  {
    taskId: text,
    kind: enumOf(TASK_KINDS),
    dealId: described(text, 'the deal it is for (or accountId)'),
    accountId: described(text, 'the account it is for (or dealId)'),
    requesterId: described(text, 'who asked for it'),
    assigneeId: described(text, 'the sales assistant who does it; absent while unassigned'),
    dueAt: instant,
    note: personalText('what the requester asked for'),
    status: enumOf(['open', 'completed', 'cancelled']),
    requestedAt: instant,
    completedAt: instant,
    completionNote: personalText('what the assistant said on completing it'),
    cancellationReason: text,
    revision: described(count, 'the task\'s revision: its ETag, for If-Match'),
    history: historySchema,
    personalData: personalDataSchema,
  },
  { optional: ['dealId', 'accountId', 'assigneeId', 'note', 'completedAt', 'completionNote', 'cancellationReason'] },
);
