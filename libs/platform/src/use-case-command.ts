/**
 * The shape of every use case's command on the CommandBus: what the route read from the request (its
 * input), the envelope (who, when, correlation, idempotency key) and the revision an `If-Match` expects.
 * A use case declares its command in one line and handles it in its own @CommandHandler, which runs its
 * decider through the CommandRunner:
 *
 *   export class WinDealCommand extends UseCaseCommand<{ dealId: string; amount: Money }, WinDealResult> {}
 *
 * and its route hands runCommandRoute `(envelope, options) => new WinDealCommand(input, envelope, options)`
 * (which answers with the new revision as the ETag). A use case of many streams (a lead import) has no
 * revision to answer and is sent with `commandBus.execute` itself.
 */
import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, RunOptions } from '#libs/event-sourcing';

export abstract class UseCaseCommand<Input, Result> extends Command<Result> {
  constructor(
    readonly input: Input,
    readonly envelope: CommandEnvelope,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}
