import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnRep, type RepRevision } from '../rep/run-on-rep';
import type { SetRepAvailability } from './set-rep-availability.command';

export class SetRepAvailabilityCommand extends UseCaseCommand<SetRepAvailability['availability'], RepRevision> {}

@CommandHandler(SetRepAvailabilityCommand)
export class SetRepAvailabilityHandler implements ICommandHandler<SetRepAvailabilityCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: SetRepAvailabilityCommand): Promise<RepRevision> {
    return runOnRep(this.runner, input.repId, { type: 'SetRepAvailability', at: envelope.now, availability: input }, envelope, options);
  }
}
