/** GET /leads/{id}: a lead as a person reads it, folded from its own stream. */
import type { Static } from '@sinclair/typebox';
import { assertNever } from '#libs/event-sourcing';
import type { LeadCaptured, LeadContactAttempted, LeadDisqualified, LeadEvent, LeadHandedOff, LeadQualified } from '#libs/contracts';

export interface LeadView extends Static<typeof LeadCaptured.schema> {
  status: 'open' | 'qualified' | 'disqualified' | 'handed-off';
  leadGeneratorId: string | null;
  contactAttempts: Array<Static<typeof LeadContactAttempted.schema> & { at: string }>;
  qualification: Static<typeof LeadQualified.schema> | null;
  disqualification: Static<typeof LeadDisqualified.schema> | null;
  handoff: Static<typeof LeadHandedOff.schema> | null;
  capturedAt: string;
  revision: number;
}

/** What a line of the lead's history shows besides its type: how it was routed, reached, dropped or handed on. */
export function leadHistoryDetail(event: LeadEvent): Record<string, string | number | null> | undefined {
  switch (event.type) {
    case 'LeadAssigned':
      return { rule: event.data.rule, leadGeneratorId: event.data.leadGeneratorId };
    case 'LeadContactAttempted':
      return {
        attemptNumber: event.data.attemptNumber,
        channel: event.data.channel,
        outcome: event.data.outcome,
        nextAttemptAt: event.data.nextAttemptAt ?? null,
        // The call script version the lead generator called by, where they said.
        ...(event.data.script ? { scriptId: event.data.script.scriptId, scriptVersion: event.data.script.version } : {}),
      };
    case 'LeadDisqualified':
      return { reason: event.data.reason };
    case 'LeadHandedOff':
      return { rule: event.data.rule, hunterId: event.data.hunterId, dealId: event.data.dealId };
    default:
      return undefined;
  }
}

export function foldLeadView(events: ReadonlyArray<{ event: LeadEvent; occurredAt: Date }>): LeadView | undefined {
  let view: LeadView | undefined;
  events.forEach(({ event, occurredAt }, revision) => {
    if (event.type === 'LeadCaptured') {
      view = {
        ...event.data,
        status: 'open',
        leadGeneratorId: null,
        contactAttempts: [],
        qualification: null,
        disqualification: null,
        handoff: null,
        capturedAt: occurredAt.toISOString(),
        revision,
      };
      return;
    }
    if (!view) return;
    view.revision = revision;
    switch (event.type) {
      case 'LeadAssigned':
        view.leadGeneratorId = event.data.leadGeneratorId;
        return;
      case 'LeadContactAttempted':
        view.contactAttempts.push({ ...event.data, at: occurredAt.toISOString() });
        return;
      case 'LeadQualified':
        view.status = 'qualified';
        view.qualification = event.data;
        return;
      case 'LeadDisqualified':
        view.status = 'disqualified';
        view.disqualification = event.data;
        return;
      case 'LeadHandedOff':
        view.status = 'handed-off';
        view.handoff = event.data;
        return;
      default:
        return assertNever(event as never);
    }
  });
  return view;
}
