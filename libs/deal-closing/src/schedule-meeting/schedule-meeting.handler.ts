import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MEETING_KINDS } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

/** Meeting ids derive from the request (its idempotency key), so that a retried request schedules the same meeting. */
const MEETING_ID_NAMESPACE = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601';

export interface ScheduleMeetingInput {
  readonly dealId: string;
  readonly scheduledFor: string;
  readonly kind: (typeof MEETING_KINDS)[number];
  readonly location?: string;
}

export class ScheduleMeetingCommand extends UseCaseCommand<ScheduleMeetingInput, DealRevision & { readonly meetingId: string }> {}

@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input, envelope, options }: ScheduleMeetingCommand): Promise<DealRevision & { meetingId: string }> {
    const meetingId = newIdFor(envelope, MEETING_ID_NAMESPACE);
    const meeting = { dealId: input.dealId, meetingId, scheduledFor: new Date(input.scheduledFor).toISOString(), kind: input.kind, ...(input.location ? { location: input.location } : {}) };
    const result = await runOnDeal(this.runner, input.dealId, { type: 'ScheduleMeeting', by: envelope.actor, at: envelope.now, meeting }, envelope, options);
    return { ...result, meetingId };
  }
}
