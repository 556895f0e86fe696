/** Routing of new leads: each captured lead goes to the next available lead generator, round-robin. */
import type { Actor } from '#libs/contracts';
import { causedBy, defineProcessManager, type ProcessManager } from '#libs/event-sourcing';
import type { CommandSender, RosterSource } from '#libs/platform';
import { AssignLeadCommand } from './assign-lead.handler';

export const LEAD_ROUTING_SERVICE: Actor = { userId: 'prospecting.routing', role: 'service' };

/** Captures routed at once. */
export const ROUTING_CONCURRENCY = 8;

export function assignLeadOnCapture(commandBus: CommandSender, rosterSource: RosterSource): ProcessManager {
  // The roster learns of an assignment only when its event comes back round; remember the last choice here
  // too, so that a burst of new leads still goes round the team.
  let lastChoice: string | undefined;
  return defineProcessManager(
    'prospecting.assign-lead-on-capture',
    {
      LeadCaptured: async (event) => {
        // Route with the roster as it was when the lead came in (absences and leavers up to then).
        await rosterSource.whenCaughtUpTo(event.position);
        const { roster } = rosterSource;
        const lead = event.data;
        const choice = roster.roundRobin('lead-generator', lastChoice ?? roster.lastRoundRobinChoice);
        // Nobody available: the lead waits, unassigned, in the head of sales' queue.
        if (!choice) return;
        lastChoice = choice.repId;
        const assignment = { leadId: lead.leadId, leadGeneratorId: choice.repId, rule: 'round-robin', candidates: choice.candidates, skipped: choice.skipped } as const;
        // The lead's stream as routing saw it: its capture. The command decides on it without reading the stream;
        // should the lead have moved since (a redelivered capture, already assigned), its append is refused and it reads.
        await commandBus.execute(new AssignLeadCommand(assignment, causedBy(event, LEAD_ROUTING_SERVICE), { seen: [event] }));
      },
    },
    // Each capture is another lead's; their assignments' appends overlap (one at a time, routing fell behind a busy
    // API on PostgreSQL). A choice is made and remembered before its append, so a burst still goes round the team.
    { concurrency: ROUTING_CONCURRENCY },
  );
}
