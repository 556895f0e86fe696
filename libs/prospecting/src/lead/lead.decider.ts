/** The Lead aggregate (stream `lead-<leadId>`): each command's rule lives in its use-case folder. */
import { assertNever, type Decider } from '#libs/event-sourcing';
import type { LeadEvent } from '#libs/contracts';
import { decideAssignLead, type AssignLead } from '../assign-lead/assign-lead.command';
import { decideCaptureLead, type CaptureLead } from '../capture-lead/capture-lead.command';
import { decideDisqualifyLead, type DisqualifyLead } from '../disqualify-lead/disqualify-lead.command';
import { decideHandOffLead, type HandOffLead } from '../hand-off-lead/hand-off-lead.command';
import { decideLogContactAttempt, type LogContactAttempt } from '../log-contact-attempt/log-contact-attempt.command';
import { decideQualifyLead, type QualifyLead } from '../qualify-lead/qualify-lead.command';
import { evolveLead, initialLeadState, type LeadState } from './lead.state';

export type LeadCommand = CaptureLead | AssignLead | LogContactAttempt | QualifyLead | DisqualifyLead | HandOffLead;

export { leadStreamId } from '#libs/contracts';

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  initialState: initialLeadState,
  evolve: evolveLead,
  decide(command, state) {
    switch (command.type) {
      case 'CaptureLead':
        return decideCaptureLead(command, state);
      case 'AssignLead':
        return decideAssignLead(command, state);
      case 'LogContactAttempt':
        return decideLogContactAttempt(command, state);
      case 'QualifyLead':
        return decideQualifyLead(command, state);
      case 'DisqualifyLead':
        return decideDisqualifyLead(command, state);
      case 'HandOffLead':
        return decideHandOffLead(command, state);
      default:
        return assertNever(command);
    }
  },
};
