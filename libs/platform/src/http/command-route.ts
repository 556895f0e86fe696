/** What every command route does once its body is valid: run the command, answer with the new ETag. */
import type { Actor } from '#libs/contracts';
import type { Command, CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import type { CommandEnvelope, RunOptions } from '#libs/event-sourcing';
import { commandEnvelope, ifMatchRevision } from './command-envelope';

export async function runCommandRoute<Result extends { readonly revision: number }>(
  commandBus: CommandBus,
  request: Request,
  response: Response,
  actor: Actor,
  command: (envelope: CommandEnvelope, options: RunOptions) => Command<Result>,
): Promise<Result> {
  const envelope = commandEnvelope(request, actor);
  const expectedRevision = ifMatchRevision(request);
  const result = await commandBus.execute(command(envelope, expectedRevision === undefined ? {} : { expectedRevision }));
  response.setHeader('ETag', `"${result.revision}"`);
  return result;
}
