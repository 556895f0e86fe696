/**
 * The companies of the leads one page of a drill-down lists, read from the first event of each lead's stream
 * (LeadCaptured; a lead's company never changes). The KPI facts keep no names: a rebuild of a million events
 * does not hold a hundred thousand of them, and a sole proprietor's company, which is a person's name, stays
 * in one place, the store.
 */
import { leadStreamId } from '#libs/contracts';
import type { EventStore } from '#libs/event-store';

/** leadId → company name; null for a lead whose stream does not start with its capture. */
export async function leadCompanies(store: EventStore, leadIds: Iterable<string>): Promise<Map<string, string | null>> {
  const unique = [...new Set(leadIds)];
  const names = await Promise.all(unique.map((leadId) => firstCompany(store, leadId)));
  return new Map(unique.map((leadId, index) => [leadId, names[index]!]));
}

async function firstCompany(store: EventStore, leadId: string): Promise<string | null> {
  for await (const event of store.readStream(leadStreamId(leadId), { maxCount: 1 })) {
    const company = event.type === 'LeadCaptured' ? (event.data as { company?: { name?: unknown } }).company?.name : undefined;
    return typeof company === 'string' ? company : null;
  }
  return null;
}
