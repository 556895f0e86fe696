/** GET /deals/{id}: a deal as a person reads it, folded from its own stream. */
import type { Static } from '@sinclair/typebox';
import { assertNever } from '#libs/event-sourcing';
import type { DealEvent, DealLost, DealOpened, DealStage, DealWon, MeetingScheduled, ProposalSent } from '#libs/contracts';

interface MeetingView extends Static<typeof MeetingScheduled.schema> {
  status: 'scheduled' | 'held' | 'cancelled' | 'no-show';
  outcome?: 'positive' | 'neutral' | 'negative';
  notes?: string;
  cancellationReason?: string;
}

export interface DealView extends Static<typeof DealOpened.schema> {
  status: 'open' | 'won' | 'lost';
  stage: DealStage;
  closerId: string | null;
  meetings: MeetingView[];
  proposals: Array<Static<typeof ProposalSent.schema> & { sentAt: string }>;
  won: Static<typeof DealWon.schema> | null;
  lost: Static<typeof DealLost.schema> | null;
  openedAt: string;
  revision: number;
}

/** What a line of the deal's history shows besides its type (never personal data: no notes, no contact). */
export function dealHistoryDetail(event: DealEvent): Record<string, string | number | null> | undefined {
  switch (event.type) {
    case 'DealOpened':
      return { leadId: event.data.leadId, hunterId: event.data.hunterId };
    case 'MeetingScheduled':
      return { meetingId: event.data.meetingId, kind: event.data.kind, scheduledFor: event.data.scheduledFor };
    case 'MeetingHeld':
      return { meetingId: event.data.meetingId, outcome: event.data.outcome };
    case 'MeetingCancelled':
    case 'MeetingNoShow':
      return { meetingId: event.data.meetingId };
    case 'DealStageChanged':
      return { from: event.data.from, to: event.data.to };
    case 'ProposalSent':
      return { proposalId: event.data.proposalId, amount: event.data.amount.amount, currency: event.data.amount.currency, validUntil: event.data.validUntil };
    case 'DealHandedOffToCloser':
      return { rule: event.data.rule, closerId: event.data.closerId };
    case 'DealOwnerReassigned':
      return { role: event.data.role, ownerId: event.data.ownerId, previousOwnerId: event.data.previousOwnerId };
    case 'DealWon':
      return { amount: event.data.amount.amount, currency: event.data.amount.currency, accountId: event.data.accountId };
    case 'DealLost':
      return { reason: event.data.reason, competitor: event.data.competitor ?? null };
    default:
      return assertNever(event);
  }
}

export function foldDealView(events: ReadonlyArray<{ event: DealEvent; occurredAt: Date }>): DealView | undefined {
  let view: DealView | undefined;
  events.forEach(({ event, occurredAt }, revision) => {
    if (event.type === 'DealOpened') {
      view = {
        ...event.data,
        status: 'open',
        stage: 'qualification',
        closerId: null,
        meetings: [],
        proposals: [],
        won: null,
        lost: null,
        openedAt: occurredAt.toISOString(),
        revision,
      };
      return;
    }
    if (!view) return;
    view.revision = revision;
    const meeting = 'meetingId' in event.data ? view.meetings.find((each) => each.meetingId === (event.data as { meetingId: string }).meetingId) : undefined;
    switch (event.type) {
      case 'MeetingScheduled':
        view.meetings.push({ ...event.data, status: 'scheduled' });
        return;
      case 'MeetingHeld':
        if (meeting) Object.assign(meeting, { status: 'held', outcome: event.data.outcome, ...(event.data.notes ? { notes: event.data.notes } : {}) });
        return;
      case 'MeetingCancelled':
        if (meeting) Object.assign(meeting, { status: 'cancelled', cancellationReason: event.data.reason });
        return;
      case 'MeetingNoShow':
        if (meeting) meeting.status = 'no-show';
        return;
      case 'DealStageChanged':
        view.stage = event.data.to;
        return;
      case 'ProposalSent':
        view.proposals.push({ ...event.data, sentAt: occurredAt.toISOString() });
        return;
      case 'DealHandedOffToCloser':
        view.closerId = event.data.closerId;
        return;
      case 'DealOwnerReassigned':
        if (event.data.role === 'hunter') view.hunterId = event.data.ownerId;
        else view.closerId = event.data.ownerId;
        return;
      case 'DealWon':
        view.status = 'won';
        view.won = event.data;
        return;
      case 'DealLost':
        view.status = 'lost';
        view.lost = event.data;
        return;
      default:
        return assertNever(event);
    }
  });
  return view;
}
