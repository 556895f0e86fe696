import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnRep, type RepRevision } from '../rep/run-on-rep';
import type { JoinRep } from './join-rep.command';

/** Rep ids derive from the request (its idempotency key) when the head of sales names none. */
const REP_ID_NAMESPACE = 'e6a4f5b7-8e91-4ca3-9dc4-e5f607182934';

export class JoinRepCommand extends UseCaseCommand<Omit<JoinRep['rep'], 'repId'> & { readonly repId?: string }, RepRevision> {}

@CommandHandler(JoinRepCommand)
export class JoinRepHandler implements ICommandHandler<JoinRepCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: JoinRepCommand): Promise<RepRevision> {
    const repId = input.repId ?? newIdFor(envelope, REP_ID_NAMESPACE);
    return runOnRep(this.runner, repId, { type: 'JoinRep', rep: { ...input, repId } }, envelope, { ...options, mintedId: input.repId === undefined });
  }
}
