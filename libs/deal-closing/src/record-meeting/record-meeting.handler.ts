import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';
import type { MeetingRecord } from './record-meeting.command';

export class RecordMeetingCommand extends UseCaseCommand<{ readonly dealId: string; readonly meetingId: string; readonly record: MeetingRecord }, DealRevision> {}

@CommandHandler(RecordMeetingCommand)
export class RecordMeetingHandler implements ICommandHandler<RecordMeetingCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input: { dealId, meetingId, record }, envelope, options }: RecordMeetingCommand): Promise<DealRevision> {
    return runOnDeal(this.runner, dealId, { type: 'RecordMeeting', by: envelope.actor, dealId, meetingId, record }, envelope, options);
  }
}
