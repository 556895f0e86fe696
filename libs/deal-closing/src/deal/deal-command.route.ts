/** Runs a deal command from a route: the shared route steps around RunDealCommand. */
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { runCommandRoute, type Actor } from '#libs/platform';
import type { CommandEnvelope } from '#libs/event-sourcing';
import { RunDealCommand } from './deal-command.handler';
import type { DealCommand } from './deal.decider';

export async function runDealCommand(
  commandBus: CommandBus,
  dealId: string,
  actor: Actor,
  request: Request,
  response: Response,
  command: (envelope: CommandEnvelope) => DealCommand,
): Promise<{ dealId: string; revision: number }> {
  const result = await runCommandRoute(commandBus, request, response, actor, (envelope, options) =>
    new RunDealCommand(dealId, command(envelope), envelope, options),
  );
  return { dealId, revision: result.revision };
}
