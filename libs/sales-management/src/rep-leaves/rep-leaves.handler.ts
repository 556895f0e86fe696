import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnRep, type RepRevision } from '../rep/run-on-rep';
import type { RecordRepLeft } from './rep-leaves.command';

export class RecordRepLeftCommand extends UseCaseCommand<Omit<RecordRepLeft, 'type'>, RepRevision> {}

@CommandHandler(RecordRepLeftCommand)
export class RecordRepLeftHandler implements ICommandHandler<RecordRepLeftCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: RecordRepLeftCommand): Promise<RepRevision> {
    return runOnRep(this.runner, input.repId, { type: 'RecordRepLeft', ...input }, envelope, options);
  }
}
