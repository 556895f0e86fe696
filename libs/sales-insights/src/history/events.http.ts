/**
 * GET /events: the stored history as NDJSON, one envelope a line, streamed (any length, bounded memory),
 * for analysts, the head of sales and services.
 */
import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, encodePosition, erasedAsNull, type EventStore, type StoredEvent } from '#libs/event-store';
import { RequirePermission } from '#libs/platform';

const TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new BadRequestException({ code: 'invalid-request', field, message: `${field}: must be an ISO 8601 date or date-time` });
  }
  return date;
}

/** A stored event as analysts get it (GET /events, the CLI's export): its envelope, in this field order. */
export function storedEnvelope(event: StoredEvent) {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition: encodePosition(event.position),
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    // A field of an erased data subject: null, and the event says which were erased.
    data: erasedAsNull(event.data, event.erasedFields),
    metadata: event.metadata,
    ...(event.erasedFields === undefined ? {} : { erased: true, erasedFields: event.erasedFields }),
  };
}

/** One stored envelope as a line of the export. */
export function envelopeLine(event: StoredEvent): string {
  return `${JSON.stringify(storedEnvelope(event))}\n`;
}

@ApiTags('history')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ApiOperation({ summary: 'The stored events, filtered and paged' })
  @Get()
  @RequirePermission('history:read')
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'from', required: false, description: 'recorded at or after (ISO 8601)' })
  @ApiQuery({ name: 'until', required: false, description: 'recorded at or before (ISO 8601)' })
  @ApiQuery({ name: 'type', required: false, description: 'event types, comma-separated' })
  @ApiQuery({ name: 'stream', required: false, description: 'stream id prefix, e.g. deal-' })
  async export(
    @Res() response: Response,
    @Query('from') fromText?: string,
    @Query('until') untilText?: string,
    @Query('type') typeText?: string,
    @Query('stream') stream?: string,
  ): Promise<void> {
    const from = instant(fromText, 'from');
    const until = instant(untilText, 'until');
    const types = typeText?.split(',').map((type) => type.trim()).filter(Boolean);
    const badType = types?.find((type) => !TYPE.test(type));
    if (badType !== undefined) throw new BadRequestException({ code: 'invalid-request', field: 'type', message: `type: "${badType}" is not an event type name` });
    if (stream !== undefined && (stream === '' || stream.length > 256)) {
      throw new BadRequestException({ code: 'invalid-request', field: 'stream', message: 'stream: must be a stream id prefix of 1 to 256 characters' });
    }
    const events = this.store.readAll({
      batchSize: 2000,
      filter: { ...(types?.length ? { eventTypes: types } : {}), ...(stream ? { streamPrefix: stream } : {}) },
      ...(until ? { until: { recordedAt: until } } : {}),
    });
    response.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    for await (const event of events) {
      if (from && event.recordedAt < from) continue;
      // Respect the client's pace: hold the read while the socket's buffer is full.
      if (!response.write(envelopeLine(event))) await new Promise((resolve) => response.once('drain', resolve));
      if (response.destroyed) return;
    }
    response.end();
  }
}
