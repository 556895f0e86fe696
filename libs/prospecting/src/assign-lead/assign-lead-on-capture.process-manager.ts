/** Routing of new leads: each captured lead goes to the next available lead generator, round-robin. */
import type { Static } from '@sinclair/typebox';
import type { LeadCaptured, Actor } from '#libs/contracts';
import type { Commands, ProcessManager } from '#libs/event-sourcing';
import { leadDecider, leadStreamId } from '../lead/lead.decider';
import type { RosterSource } from '#libs/platform';

export const LEAD_ROUTING_SERVICE: Actor = { userId: 'prospecting.routing', role: 'service' };

export function assignLeadOnCapture(runner: Commands, rosterSource: RosterSource): ProcessManager {
  // The roster learns of an assignment only when its event comes back round; remember the last choice here
  // too, so that a burst of new leads still goes round the team.
  let lastChoice: string | undefined;
  return {
    name: 'prospecting.assign-lead-on-capture',
    eventTypes: ['LeadCaptured'],
    async handle(event) {
      // Route with the roster as it was when the lead came in (absences and leavers up to then).
      await rosterSource.whenCaughtUpTo(event.position);
      const { roster } = rosterSource;
      const lead = event.data as Static<typeof LeadCaptured.schema>;
      const choice = roster.roundRobin('lead-generator', lastChoice ?? roster.lastRoundRobinChoice);
      // Nobody available: the lead waits, unassigned, in the head of sales' queue.
      if (!choice) return;
      lastChoice = choice.repId;
      await runner.run(
        leadDecider,
        leadStreamId(lead.leadId),
        {
          type: 'AssignLead',
          by: LEAD_ROUTING_SERVICE,
          assignment: { leadId: lead.leadId, leadGeneratorId: choice.repId, rule: 'round-robin', candidates: choice.candidates, skipped: choice.skipped },
        },
        {
          actor: LEAD_ROUTING_SERVICE,
          correlationId: event.metadata.correlationId,
          causationId: event.eventId,
          now: event.occurredAt,
          idempotencyKey: event.eventId,
        },
      );
    },
  };
}
