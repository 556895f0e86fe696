/** Runs a lead command from a route: the shared route steps, on the lead's stream. */
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { RunDeciderCommand, runCommandRoute } from '#libs/platform';
import { leadDecider, leadStreamId, type LeadCommand } from './lead.decider';
import type { Actor } from '#libs/contracts';

export async function runLeadCommand(
  commandBus: CommandBus,
  leadId: string,
  actor: Actor,
  request: Request,
  response: Response,
  command: (by: Actor, now: Date) => LeadCommand,
): Promise<{ leadId: string; revision: number }> {
  const result = await runCommandRoute(commandBus, request, response, actor, (envelope, options) =>
    new RunDeciderCommand(leadDecider, leadStreamId(leadId), command(envelope.actor, envelope.now), envelope, options),
  );
  return { leadId, revision: result.revision };
}
