import { Module } from '@nestjs/common';
import { ChangeDealStageHandler } from './change-stage/change-stage.handler';
import { ChangeStageController } from './change-stage/change-stage.http';
import { GetDealHandler } from './deal/get-deal.handler';
import { GetDealController } from './deal/get-deal.http';
import { HandOffDealToCloserHandler } from './hand-off-to-closer/hand-off-to-closer.handler';
import { ReassignDealHandler } from './reassign-deal/reassign-deal.handler';
import { ReassignDealController } from './reassign-deal/reassign-deal.http';
import { HandOffToCloserController } from './hand-off-to-closer/hand-off-to-closer.http';
import { LoseDealHandler } from './lose-deal/lose-deal.handler';
import { OpenDealHandler } from './open-deal/open-deal.handler';
import { LoseDealController } from './lose-deal/lose-deal.http';
import { RecordMeetingHandler } from './record-meeting/record-meeting.handler';
import { RecordMeetingController } from './record-meeting/record-meeting.http';
import { ScheduleMeetingHandler } from './schedule-meeting/schedule-meeting.handler';
import { ScheduleMeetingController } from './schedule-meeting/schedule-meeting.http';
import { SendProposalHandler } from './send-proposal/send-proposal.handler';
import { SendProposalController } from './send-proposal/send-proposal.http';
import { WinDealHandler } from './win-deal/win-deal.handler';
import { WinDealController } from './win-deal/win-deal.http';

/**
 * Deal-closing's use cases: each folder's route (`*.http.ts`) sends its command to the CommandBus, whose
 * handler (`*.handler.ts`) runs the deal's decider with the folder's decide function (`*.command.ts`); a read
 * sends its query to the QueryBus, whose handler folds the deal's stream.
 * Needs PlatformModule and EventStoreModule mounted.
 */
@Module({
  controllers: [
    GetDealController,
    ScheduleMeetingController,
    RecordMeetingController,
    ChangeStageController,
    SendProposalController,
    HandOffToCloserController,
    ReassignDealController,
    WinDealController,
    LoseDealController,
  ],
  providers: [
    GetDealHandler,
    ScheduleMeetingHandler,
    RecordMeetingHandler,
    ChangeDealStageHandler,
    SendProposalHandler,
    HandOffDealToCloserHandler,
    ReassignDealHandler,
    WinDealHandler,
    LoseDealHandler,
    OpenDealHandler,
  ],
})
export class DealClosingModule {}
