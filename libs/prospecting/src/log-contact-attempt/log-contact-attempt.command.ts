import type { Static } from '@sinclair/typebox';
import { invalidTransition, ruleBroken } from '#libs/event-sourcing';
import type { LeadContactAttempted, LeadEvent, Actor } from '#libs/contracts';
import { requireLive, requireOwner } from '../lead/lead-rules';
import type { LeadState } from '../lead/lead.state';

export interface LogContactAttempt {
  readonly type: 'LogContactAttempt';
  readonly by: Actor;
  readonly at: Date;
  readonly attempt: Omit<Static<typeof LeadContactAttempted.schema>, 'attemptNumber'>;
}

export function decideLogContactAttempt(command: LogContactAttempt, state: LeadState): LeadEvent[] {
  const { attempt } = command;
  const lead = requireLive(state, attempt.leadId);
  if (lead.status !== 'open') throw invalidTransition('lead-qualified', `lead ${attempt.leadId} is already qualified`);
  requireOwner(lead, command.by);
  if (attempt.nextAttemptAt !== undefined && Date.parse(attempt.nextAttemptAt) <= command.at.getTime()) {
    throw ruleBroken('next-attempt-in-past', 'the next attempt must be after this one', 'nextAttemptAt');
  }
  return [{ type: 'LeadContactAttempted', data: { ...attempt, attemptNumber: lead.attempts + 1 } }];
}
