import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, ruleBroken } from '#libs/event-sourcing';
import { RosterHost, UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

export class HandOffDealToCloserCommand extends UseCaseCommand<
  { readonly dealId: string; readonly reason: string; readonly closerId?: string },
  DealRevision & { readonly closerId: string }
> {}

/** Handoff 2: to the closer named, or else to the least-loaded available one. */
@CommandHandler(HandOffDealToCloserCommand)
export class HandOffDealToCloserHandler implements ICommandHandler<HandOffDealToCloserCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly rosterHost: RosterHost,
  ) {}

  async execute({ input: { dealId, reason, closerId: named }, envelope, options }: HandOffDealToCloserCommand): Promise<DealRevision & { closerId: string }> {
    const routing = await this.rosterHost.routeTo('closer', named);
    if (!routing) throw ruleBroken('no-closer-available', 'no closer is available: name one, or add one to the roster', 'closerId');
    const { repId: closerId, rule, candidates, skipped } = routing;
    const handoff = { dealId, closerId, reason, rule, candidates, skipped };
    const result = await runOnDeal(this.runner, dealId, { type: 'HandOffDealToCloser', by: envelope.actor, handoff }, envelope, options);
    return { ...result, closerId };
  }
}
