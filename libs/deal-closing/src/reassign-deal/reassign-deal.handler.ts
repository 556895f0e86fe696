import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, ruleBroken } from '#libs/event-sourcing';
import { RosterHost, UseCaseCommand } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

export class ReassignDealCommand extends UseCaseCommand<{ readonly dealId: string; readonly ownerId: string }, DealRevision> {}

/**
 * The new owner must be in the roster, not have left, and hold a role that works deals (the decider then checks
 * it is the owner's role: a hunter for a deal no closer has, a closer after).
 */
@CommandHandler(ReassignDealCommand)
export class ReassignDealHandler implements ICommandHandler<ReassignDealCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly rosterHost: RosterHost,
  ) {}

  async execute({ input: { dealId, ownerId }, envelope, options }: ReassignDealCommand): Promise<DealRevision> {
    await this.rosterHost.whenCaughtUp();
    const rep = this.rosterHost.roster.get(ownerId);
    if (!rep || rep.left) throw ruleBroken('unknown-rep', `${ownerId} is not in the department`, 'ownerId');
    return runOnDeal(this.runner, dealId, { type: 'ReassignDeal', by: envelope.actor, dealId, ownerId, ownerRole: rep.role }, envelope, options);
  }
}
