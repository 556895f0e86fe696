import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnRep, type RepRevision } from '../rep/run-on-rep';
import type { ChangeRepRole } from './change-rep-role.command';

export class ChangeRepRoleCommand extends UseCaseCommand<Omit<ChangeRepRole, 'type'>, RepRevision> {}

@CommandHandler(ChangeRepRoleCommand)
export class ChangeRepRoleHandler implements ICommandHandler<ChangeRepRoleCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: ChangeRepRoleCommand): Promise<RepRevision> {
    return runOnRep(this.runner, input.repId, { type: 'ChangeRepRole', ...input }, envelope, options);
  }
}
