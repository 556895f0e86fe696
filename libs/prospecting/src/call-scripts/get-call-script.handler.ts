import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type CallScriptEvent } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { callScriptStreamId } from './call-script.decider';

export interface CallScriptView {
  scriptId: string;
  status: 'active' | 'retired';
  versions: Array<{ version: number; title: string; steps: string[]; publishedAt: string }>;
  revision: number;
}

export class GetCallScriptQuery extends UseCaseQuery<{ readonly scriptId: string }, CallScriptView> {}

/** Folds a call script's stream into every version it has had; 404 for an unknown script. */
@QueryHandler(GetCallScriptQuery)
export class GetCallScriptHandler implements IQueryHandler<GetCallScriptQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { scriptId } }: GetCallScriptQuery): Promise<CallScriptView> {
    const history = await readStreamHistory<CallScriptEvent>(this.store, catalogueEventSchemas, callScriptStreamId(scriptId));
    if (history.length === 0) throw notFound('script-not-found', `call script ${scriptId} does not exist`);
    const view: CallScriptView = { scriptId, status: 'active', versions: [], revision: history.length - 1 };
    for (const { event, occurredAt } of history) {
      if (event.type === 'CallScriptRetired') view.status = 'retired';
      else view.versions.push({ version: event.data.version, title: event.data.title, steps: event.data.steps, publishedAt: occurredAt.toISOString() });
    }
    return view;
  }
}
