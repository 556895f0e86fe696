import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, ruleBroken } from '#libs/event-sourcing';
import { RosterHost, UseCaseCommand } from '#libs/platform';
import { runOnAccount, type AccountRevision } from '../account/run-on-account';

export class PromoteAccountToKeyCommand extends UseCaseCommand<{ readonly accountId: string; readonly kamId?: string }, AccountRevision & { readonly kamId: string }> {}

/** To the KAM named, or else to the least-loaded available one. */
@CommandHandler(PromoteAccountToKeyCommand)
export class PromoteAccountToKeyHandler implements ICommandHandler<PromoteAccountToKeyCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly rosterHost: RosterHost,
  ) {}

  async execute({ input: { accountId, kamId: named }, envelope, options }: PromoteAccountToKeyCommand): Promise<AccountRevision & { kamId: string }> {
    const routing = await this.rosterHost.routeTo('kam', named);
    if (!routing) throw ruleBroken('no-kam-available', 'no KAM is available: name one, or add one to the roster', 'kamId');
    const { repId: kamId, rule, candidates, skipped } = routing;
    const promotion = { accountId, kamId, rule, candidates, skipped };
    const result = await runOnAccount(this.runner, accountId, { type: 'PromoteAccountToKey', by: envelope.actor, promotion }, envelope, options);
    return { ...result, kamId };
  }
}
