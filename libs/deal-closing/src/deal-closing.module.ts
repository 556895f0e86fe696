import { Module } from '@nestjs/common';
import { ChangeStageController } from './change-stage/change-stage.http';
import { DealReader } from './deal/deal-reader';
import { GetDealController } from './deal/get-deal.http';
import { HandOffToCloserController } from './hand-off-to-closer/hand-off-to-closer.http';
import { LoseDealController } from './lose-deal/lose-deal.http';
import { RecordMeetingController } from './record-meeting/record-meeting.http';
import { ScheduleMeetingController } from './schedule-meeting/schedule-meeting.http';
import { SendProposalController } from './send-proposal/send-proposal.http';
import { WinDealController } from './win-deal/win-deal.http';

/** Deal-closing's HTTP routes and command handlers; needs PlatformModule and EventStoreModule mounted. */
@Module({
  controllers: [
    GetDealController,
    ScheduleMeetingController,
    RecordMeetingController,
    ChangeStageController,
    SendProposalController,
    HandOffToCloserController,
    WinDealController,
    LoseDealController,
  ],
  providers: [DealReader],
})
export class DealClosingModule {}
