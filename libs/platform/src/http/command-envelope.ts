/** What a request adds to the command it carries: who, when, on behalf of what, and its idempotency key. */
import type { Actor } from '#libs/contracts';
import { BadRequestException } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Request } from 'express';
import { v5 as uuidv5 } from 'uuid';
import { newUuidV7 } from '#libs/event-store';
import type { CommandEnvelope } from '#libs/event-sourcing';

/** What a client may send as a header the command takes (X-Correlation-Id, Idempotency-Key): visible ASCII. */
export const HEADER_VALUE = /^[\x21-\x7e]{1,200}$/;

export function commandEnvelope(request: Request, actor: Actor, now: Date = new Date()): CommandEnvelope {
  // The client's own id, else the one the request is logged under (and answered with, X-Correlation-Id).
  const correlationId = optionalHeader(request, 'x-correlation-id') ?? loggedId(request) ?? newUuidV7();
  const idempotencyKey = optionalHeader(request, 'idempotency-key');
  const traceparent = activeTraceparent();
  return {
    actor: { userId: actor.userId, role: actor.role },
    correlationId,
    causationId: newUuidV7(),
    now,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey: `${actor.userId}:${idempotencyKey}` }),
    ...(traceparent === undefined ? {} : { traceparent }),
  };
}

/** The request's span as a W3C traceparent, when the process traces (tracing/tracing.ts); undefined otherwise. */
function activeTraceparent(): string | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  if (span === undefined || !trace.isSpanContextValid(span)) return undefined;
  return `00-${span.traceId}-${span.spanId}-${span.traceFlags.toString(16).padStart(2, '0')}`;
}

/** The revision an If-Match header names (ETags are the aggregate's revision, quoted). */
export function ifMatchRevision(request: Request): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(String(header).trim());
  if (!match) {
    throw new BadRequestException({ code: 'invalid-request', field: 'If-Match', message: 'If-Match: must be an ETag this API returned, e.g. "3"' });
  }
  return Number(match[1]);
}

function optionalHeader(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
    throw new BadRequestException({ code: 'invalid-request', field: name, message: `${name}: must be 1 to 200 visible ASCII characters` });
  }
  return value;
}

/**
 * The id of something a command creates (a lead, a meeting, a proposal): fresh, or derived from the
 * Idempotency-Key so that a repeated request names the same thing. Each kind of thing has its namespace.
 */
export function newIdFor(envelope: CommandEnvelope, namespace: string): string {
  return envelope.idempotencyKey === undefined ? newUuidV7() : uuidv5(envelope.idempotencyKey, namespace);
}

/** The id the JSON logger gave the request (pino-http's req.id), when the process logs. */
function loggedId(request: Request): string | undefined {
  const id = (request as Request & { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
