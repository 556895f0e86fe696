import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type LeadEvent } from '#libs/contracts';
import { notFound, personalDataSummary, readStreamHistory, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { leadStreamId } from './lead.decider';
import { foldLeadView, type LeadView } from './lead.view';

export class GetLeadQuery extends UseCaseQuery<{ readonly leadId: string }, LeadView & { personalData: PersonalDataSummary }> {}

/** Reads one lead's stream into its view; 404 for an unknown lead. */
@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { leadId } }: GetLeadQuery): Promise<LeadView & { personalData: PersonalDataSummary }> {
    const view = foldLeadView(await readStreamHistory<LeadEvent>(this.store, catalogueEventSchemas, leadStreamId(leadId)));
    if (!view) throw notFound('lead-not-found', `lead ${leadId} does not exist`);
    return { ...view, personalData: await personalDataSummary(this.store, leadStreamId(leadId)) };
  }
}
