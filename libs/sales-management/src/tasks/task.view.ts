/** GET /tasks/{id}: an assistant task as a person reads it, folded from its own stream. */
import type { Static } from '@sinclair/typebox';
import { assertNever } from '#libs/event-sourcing';
import type { AssistantTaskRequested, TaskEvent } from '#libs/contracts';

export interface TaskView extends Static<typeof AssistantTaskRequested.schema> {
  status: 'open' | 'completed' | 'cancelled';
  requestedAt: string;
  completedAt?: string;
  /** What the assistant said on completing it (personal data: null once erased). */
  completionNote?: string | null;
  cancellationReason?: string;
  revision: number;
}

/** What a line of the task's history shows besides its type (never its notes). */
export function taskHistoryDetail(event: TaskEvent): Record<string, string | number | null> | undefined {
  switch (event.type) {
    case 'AssistantTaskRequested':
      return { kind: event.data.kind, assigneeId: event.data.assigneeId ?? null, dueAt: event.data.dueAt };
    case 'AssistantTaskCompleted':
    case 'AssistantTaskCancelled':
      return undefined;
    default:
      return assertNever(event);
  }
}

export function foldTaskView(events: ReadonlyArray<{ event: TaskEvent; occurredAt: Date }>): TaskView | undefined {
  let view: TaskView | undefined;
  events.forEach(({ event, occurredAt }, revision) => {
    if (event.type === 'AssistantTaskRequested') {
      view = { ...event.data, status: 'open', requestedAt: occurredAt.toISOString(), revision };
      return;
    }
    if (!view) return;
    view.revision = revision;
    switch (event.type) {
      case 'AssistantTaskCompleted':
        Object.assign(view, { status: 'completed', completedAt: occurredAt.toISOString() }, event.data.note === undefined ? {} : { completionNote: event.data.note });
        return;
      case 'AssistantTaskCancelled':
        Object.assign(view, { status: 'cancelled', cancellationReason: event.data.reason });
        return;
      default:
        return assertNever(event);
    }
  });
  return view;
}
