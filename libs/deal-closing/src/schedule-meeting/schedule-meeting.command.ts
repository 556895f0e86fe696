import type { Static } from '@sinclair/typebox';
import { invalidTransition } from '#libs/event-sourcing';
import type { DealEvent, MeetingScheduled, Actor } from '#libs/contracts';
import { requireDealOwner, requireFuture, requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

export interface ScheduleMeeting {
  readonly type: 'ScheduleMeeting';
  readonly by: Actor;
  readonly at: Date;
  readonly meeting: Static<typeof MeetingScheduled.schema>;
}

export function decideScheduleMeeting(command: ScheduleMeeting, state: DealState): DealEvent[] {
  const { meeting } = command;
  const deal = requireOpenDeal(state, meeting.dealId);
  requireDealOwner(deal, command.by);
  if (deal.meetings[meeting.meetingId] !== undefined) {
    throw invalidTransition('meeting-exists', `meeting ${meeting.meetingId} is already on deal ${meeting.dealId}`);
  }
  requireFuture(meeting.scheduledFor, command.at, 'meeting-in-past', 'scheduledFor');
  return [{ type: 'MeetingScheduled', data: meeting }];
}
