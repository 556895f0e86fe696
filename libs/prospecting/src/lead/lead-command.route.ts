/** What every lead command route does after validating its body: run the command, answer with the new ETag. */
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { commandEnvelope, ifMatchRevision, type Actor } from '#libs/platform';
import type { EventActor } from '#libs/event-store';
import { RunLeadCommand } from './lead-command.handler';
import type { LeadCommand } from './lead.decider';

export async function runLeadCommand(
  commandBus: CommandBus,
  leadId: string,
  actor: Actor,
  request: Request,
  response: Response,
  command: (by: EventActor, now: Date) => LeadCommand,
): Promise<{ leadId: string; revision: number }> {
  const envelope = commandEnvelope(request, actor);
  const expectedRevision = ifMatchRevision(request);
  const result = await commandBus.execute(
    new RunLeadCommand(leadId, command(envelope.actor, envelope.now), envelope, expectedRevision === undefined ? {} : { expectedRevision }),
  );
  response.setHeader('ETag', `"${result.revision}"`);
  return { leadId, revision: result.revision };
}
