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
    let promotion;
    if (named !== undefined) promotion = { accountId, kamId: named, rule: 'named' as const, candidates: [], skipped: [] };
    else {
      await this.rosterHost.whenCaughtUp();
      const routing = this.rosterHost.roster.leastLoaded('kam');
      if (!routing) throw ruleBroken('no-kam-available', 'no KAM is available: name one, or add one to the roster', 'kamId');
      promotion = { accountId, kamId: routing.repId, rule: 'least-loaded' as const, candidates: routing.candidates, skipped: routing.skipped };
    }
    const result = await runOnAccount(this.runner, accountId, { type: 'PromoteAccountToKey', by: envelope.actor, promotion }, envelope, options);
    return { ...result, kamId: promotion.kamId };
  }
}
