import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnLead, type LeadRevision } from '../lead/run-on-lead';
import type { LogContactAttempt } from './log-contact-attempt.command';

export class LogContactAttemptCommand extends UseCaseCommand<LogContactAttempt['attempt'], LeadRevision> {}

@CommandHandler(LogContactAttemptCommand)
export class LogContactAttemptHandler implements ICommandHandler<LogContactAttemptCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: LogContactAttemptCommand): Promise<LeadRevision> {
    return runOnLead(this.runner, input.leadId, { type: 'LogContactAttempt', by: envelope.actor, at: envelope.now, attempt: input }, envelope, options);
  }
}
