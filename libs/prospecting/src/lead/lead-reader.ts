import { Inject, Injectable } from '@nestjs/common';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { catalogueEventSchemas, type LeadEvent } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { leadStreamId } from './lead.decider';
import { foldLeadView, type LeadView } from './lead.view';

/** Reads one lead's stream into its view; 404 for an unknown lead. */
@Injectable()
export class LeadReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(leadId: string): Promise<LeadView> {
    const view = foldLeadView(await readStreamHistory<LeadEvent>(this.store, catalogueEventSchemas, leadStreamId(leadId)));
    if (!view) throw notFound('lead-not-found', `lead ${leadId} does not exist`);
    return view;
  }
}
