/** What the Deal decider needs of a deal's history. */
import { assertNever } from '#libs/event-sourcing';
import type { Static } from '@sinclair/typebox';
import type { Company, Contact, DealEvent, DealStage } from '#libs/contracts';

type MeetingStatus = 'scheduled' | 'held' | 'cancelled' | 'no-show';

export interface OpenDeal {
  readonly status: 'open';
  readonly dealId: string;
  readonly hunterId: string;
  readonly closerId: string | undefined;
  readonly company: Static<typeof Company>;
  readonly contact: Static<typeof Contact>;
  readonly stage: DealStage;
  readonly meetings: Readonly<Record<string, MeetingStatus>>;
  readonly proposalsSent: number;
}

export type DealState =
  | { readonly status: 'none' }
  | OpenDeal
  | { readonly status: 'won'; readonly dealId: string }
  | { readonly status: 'lost'; readonly dealId: string };

export const initialDealState: DealState = { status: 'none' };

export function evolveDeal(state: DealState, event: DealEvent): DealState {
  if (event.type === 'DealOpened') {
    return {
      status: 'open',
      dealId: event.data.dealId,
      hunterId: event.data.hunterId,
      closerId: undefined,
      company: event.data.company,
      contact: event.data.contact,
      stage: 'qualification',
      meetings: {},
      proposalsSent: 0,
    };
  }
  if (state.status !== 'open') return state;
  switch (event.type) {
    case 'MeetingScheduled':
      return { ...state, meetings: { ...state.meetings, [event.data.meetingId]: 'scheduled' } };
    case 'MeetingHeld':
      return { ...state, meetings: { ...state.meetings, [event.data.meetingId]: 'held' } };
    case 'MeetingCancelled':
      return { ...state, meetings: { ...state.meetings, [event.data.meetingId]: 'cancelled' } };
    case 'MeetingNoShow':
      return { ...state, meetings: { ...state.meetings, [event.data.meetingId]: 'no-show' } };
    case 'DealStageChanged':
      return { ...state, stage: event.data.to };
    case 'ProposalSent':
      return { ...state, proposalsSent: state.proposalsSent + 1 };
    case 'DealHandedOffToCloser':
      return { ...state, closerId: event.data.closerId };
    case 'DealOwnerReassigned':
      return event.data.role === 'hunter' ? { ...state, hunterId: event.data.ownerId } : { ...state, closerId: event.data.ownerId };
    case 'DealWon':
      return { status: 'won', dealId: state.dealId };
    case 'DealLost':
      return { status: 'lost', dealId: state.dealId };
    default:
      return assertNever(event);
  }
}
