import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type LeadEvent } from '#libs/contracts';
import { historyOf, notFound, personalDataSummary, readStreamHistory, type HistoryEntry, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { leadStreamId } from './lead.decider';
import { foldLeadView, leadHistoryDetail, type LeadView } from './lead.view';

/** The lead's view, its history line by line, and whose personal data it holds. */
export type LeadPage = LeadView & { history: HistoryEntry[]; personalData: PersonalDataSummary };

export class GetLeadQuery extends UseCaseQuery<{ readonly leadId: string }, LeadPage> {}

/** Reads one lead's stream into its view; 404 for an unknown lead. */
@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { leadId } }: GetLeadQuery): Promise<LeadPage> {
    const items = await readStreamHistory<LeadEvent>(this.store, catalogueEventSchemas, leadStreamId(leadId));
    const view = foldLeadView(items);
    if (!view) throw notFound('lead-not-found', `lead ${leadId} does not exist`);
    return { ...view, history: historyOf(items, leadHistoryDetail), personalData: await personalDataSummary(this.store, leadStreamId(leadId)) };
  }
}
