/** What became of a scheduled meeting: held (with an outcome), cancelled, or the client did not come. */
import { invalidTransition, notFound } from '#libs/event-sourcing';
import type { DealEvent, Actor } from '#libs/contracts';
import { requireDealOwner, requireOpenDeal } from '../deal/deal-rules';
import type { DealState } from '../deal/deal.state';

export type MeetingRecord =
  | { readonly kind: 'held'; readonly outcome: 'positive' | 'neutral' | 'negative'; readonly notes?: string }
  | { readonly kind: 'cancelled'; readonly reason: string }
  | { readonly kind: 'no-show' };

export interface RecordMeeting {
  readonly type: 'RecordMeeting';
  readonly by: Actor;
  readonly dealId: string;
  readonly meetingId: string;
  readonly record: MeetingRecord;
}

export function decideRecordMeeting(command: RecordMeeting, state: DealState): DealEvent[] {
  const { dealId, meetingId, record } = command;
  const deal = requireOpenDeal(state, dealId);
  requireDealOwner(deal, command.by);
  const status = deal.meetings[meetingId];
  if (status === undefined) throw notFound('meeting-not-found', `deal ${dealId} has no meeting ${meetingId}`);
  if (status !== 'scheduled') throw invalidTransition('meeting-not-scheduled', `meeting ${meetingId} is already ${status}`);
  switch (record.kind) {
    case 'held':
      return [{ type: 'MeetingHeld', data: { dealId, meetingId, outcome: record.outcome, ...(record.notes ? { notes: record.notes } : {}) } }];
    case 'cancelled':
      return [{ type: 'MeetingCancelled', data: { dealId, meetingId, reason: record.reason } }];
    case 'no-show':
      return [{ type: 'MeetingNoShow', data: { dealId, meetingId } }];
  }
}
