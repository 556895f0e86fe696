import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dealIdForLead } from '#libs/contracts';
import { CommandRunner, ruleBroken } from '#libs/event-sourcing';
import { RosterHost, UseCaseCommand } from '#libs/platform';
import { runOnLead, type LeadRevision } from '../lead/run-on-lead';

type HandOffResult = LeadRevision & { readonly dealId: string; readonly hunterId: string };

export class HandOffLeadCommand extends UseCaseCommand<{ readonly leadId: string; readonly hunterId?: string }, HandOffResult> {}

/** Handoff 1: to the hunter named, or else to the least-loaded available one; the answer names the deal they will work. */
@CommandHandler(HandOffLeadCommand)
export class HandOffLeadHandler implements ICommandHandler<HandOffLeadCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly rosterHost: RosterHost,
  ) {}

  async execute({ input: { leadId, hunterId: named }, envelope, options }: HandOffLeadCommand): Promise<HandOffResult> {
    const dealId = dealIdForLead(leadId);
    const routing = await this.rosterHost.routeTo('hunter', named);
    if (!routing) throw ruleBroken('no-hunter-available', 'no hunter is available: name one, or add one to the roster', 'hunterId');
    const { repId: hunterId, rule, candidates, skipped } = routing;
    const handoff = { leadId, hunterId, dealId, rule, candidates, skipped };
    const result = await runOnLead(this.runner, leadId, { type: 'HandOffLead', by: envelope.actor, handoff }, envelope, options);
    return { ...result, dealId, hunterId };
  }
}
