/** The Deal aggregate (stream `deal-<dealId>`): each command's rule lives in its use-case folder. */
import { assertNever, type Decider } from '#libs/event-sourcing';
import type { DealEvent } from '#libs/contracts';
import { decideChangeDealStage, type ChangeDealStage } from '../change-stage/change-stage.command';
import { decideHandOffDealToCloser, type HandOffDealToCloser } from '../hand-off-to-closer/hand-off-to-closer.command';
import { decideLoseDeal, type LoseDeal } from '../lose-deal/lose-deal.command';
import { decideOpenDeal, type OpenDeal } from '../open-deal/open-deal.command';
import { decideReassignDeal, type ReassignDeal } from '../reassign-deal/reassign-deal.command';
import { decideRecordMeeting, type RecordMeeting } from '../record-meeting/record-meeting.command';
import { decideScheduleMeeting, type ScheduleMeeting } from '../schedule-meeting/schedule-meeting.command';
import { decideSendProposal, type SendProposal } from '../send-proposal/send-proposal.command';
import { decideWinDeal, type WinDeal } from '../win-deal/win-deal.command';
import { evolveDeal, initialDealState, type DealState } from './deal.state';

export type DealCommand =
  | OpenDeal
  | ScheduleMeeting
  | RecordMeeting
  | ChangeDealStage
  | SendProposal
  | HandOffDealToCloser
  | ReassignDeal
  | WinDeal
  | LoseDeal;

export const dealStreamId = (dealId: string): string => `deal-${dealId}`;

export const dealDecider: Decider<DealCommand, DealEvent, DealState> = {
  initialState: initialDealState,
  evolve: evolveDeal,
  decide(command, state) {
    switch (command.type) {
      case 'OpenDeal':
        return decideOpenDeal(command, state);
      case 'ScheduleMeeting':
        return decideScheduleMeeting(command, state);
      case 'RecordMeeting':
        return decideRecordMeeting(command, state);
      case 'ChangeDealStage':
        return decideChangeDealStage(command, state);
      case 'SendProposal':
        return decideSendProposal(command, state);
      case 'HandOffDealToCloser':
        return decideHandOffDealToCloser(command, state);
      case 'ReassignDeal':
        return decideReassignDeal(command, state);
      case 'WinDeal':
        return decideWinDeal(command, state);
      case 'LoseDeal':
        return decideLoseDeal(command, state);
      default:
        return assertNever(command);
    }
  },
};
