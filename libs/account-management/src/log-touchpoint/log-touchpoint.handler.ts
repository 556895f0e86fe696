import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';
import type { LogTouchpoint } from './log-touchpoint.command';

/** Touchpoint ids derive from the request (its idempotency key), so that a retried request logs the touchpoint once. */
const TOUCHPOINT_ID_NAMESPACE = 'f7b5a6c8-9fa2-4db4-8ed5-f60718293a45';

export class LogTouchpointCommand extends UseCaseCommand<Omit<LogTouchpoint['touchpoint'], 'touchpointId'>, AccountRevision & { readonly touchpointId: string }> {}

@CommandHandler(LogTouchpointCommand)
export class LogTouchpointHandler implements ICommandHandler<LogTouchpointCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input, envelope, options }: LogTouchpointCommand): Promise<AccountRevision & { touchpointId: string }> {
    const touchpointId = newIdFor(envelope, TOUCHPOINT_ID_NAMESPACE);
    const result = await runOnAccount(this.runner, input.accountId, { type: 'LogTouchpoint', by: envelope.actor, touchpoint: { ...input, touchpointId } }, envelope, options);
    return { ...result, touchpointId };
  }
}
