/** Runs a deal command from a route: the shared route steps, on the deal's stream. */
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { RunDeciderCommand, runCommandRoute } from '#libs/platform';
import type { CommandEnvelope } from '#libs/event-sourcing';
import { dealDecider, dealStreamId, type DealCommand } from './deal.decider';
import type { Actor } from '#libs/contracts';

export async function runDealCommand(
  commandBus: CommandBus,
  dealId: string,
  actor: Actor,
  request: Request,
  response: Response,
  command: (envelope: CommandEnvelope) => DealCommand,
): Promise<{ dealId: string; revision: number }> {
  const result = await runCommandRoute(commandBus, request, response, actor, (envelope, options) =>
    new RunDeciderCommand(dealDecider, dealStreamId(dealId), command(envelope), envelope, options),
  );
  return { dealId, revision: result.revision };
}
