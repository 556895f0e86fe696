import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnLead, type LeadRevision } from '../lead/run-on-lead';
import type { CaptureLead } from './capture-lead.command';

/** Lead ids derive from the request (its idempotency key): a repeated capture names the same lead and writes nothing. */
const LEAD_ID_NAMESPACE = '0b3f6a52-6f1e-4d8e-9a53-71a0c1f4d2b7';

export class CaptureLeadCommand extends UseCaseCommand<Omit<CaptureLead['lead'], 'leadId'>, LeadRevision> {}

@CommandHandler(CaptureLeadCommand)
export class CaptureLeadHandler implements ICommandHandler<CaptureLeadCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: CaptureLeadCommand): Promise<LeadRevision> {
    const leadId = newIdFor(envelope, LEAD_ID_NAMESPACE);
    return runOnLead(this.runner, leadId, { type: 'CaptureLead', by: envelope.actor, lead: { leadId, ...input } }, envelope, { ...options, mintedId: true });
  }
}
