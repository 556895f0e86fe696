import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Money } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnDeal, type DealRevision } from '../deal/run-on-deal';

/** Proposal ids derive from the request (its idempotency key), so that a retried request sends the same proposal. */
const PROPOSAL_ID_NAMESPACE = 'b4e2d3f5-6c7f-4a81-9ba2-c3d4e5f60712';

export class SendProposalCommand extends UseCaseCommand<
  { readonly dealId: string; readonly amount: Money; readonly validUntil: string },
  DealRevision & { readonly proposalId: string }
> {}

@CommandHandler(SendProposalCommand)
export class SendProposalHandler implements ICommandHandler<SendProposalCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ input: { dealId, amount, validUntil }, envelope, options }: SendProposalCommand): Promise<DealRevision & { proposalId: string }> {
    const proposalId = newIdFor(envelope, PROPOSAL_ID_NAMESPACE);
    const proposal = { dealId, proposalId, amount: { ...amount }, validUntil: new Date(validUntil).toISOString() };
    const result = await runOnDeal(this.runner, dealId, { type: 'SendProposal', by: envelope.actor, at: envelope.now, proposal }, envelope, options);
    return { ...result, proposalId };
  }
}
