/**
 * GET /events: the stored history as NDJSON, one envelope a line, streamed (bounded memory), for analysts, the
 * head of sales and services. What one request may hold is bounded: at most `limit` events (a page; the next
 * one starts `after` the last line's position), and at most HISTORY_STREAMS_PER_USER of them open per user.
 * A client that goes away ends its request at once: the store's read is closed and nothing more is read.
 */
import { once } from 'node:events';
import { BadRequestException, Controller, Get, Inject, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTooManyRequestsResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/contracts';
import { EVENT_STORE, decodePosition, encodePosition, erasedAsNull, type EventStore, type StoredEvent } from '#libs/event-store';
import { APP_CONFIG, CurrentActor, RequirePermission, StreamSlots, type AppConfig } from '#libs/platform';

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

/** A count in the query string: an integer from 1 to `max`. */
function pageLimit(value: string | undefined, max: number): number {
  if (value === undefined) return max;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new BadRequestException({ code: 'invalid-request', field: 'limit', message: `limit: must be an integer from 1 to ${max}` });
  }
  return Number(value);
}

const GONE = Symbol('client gone');

/** Settles when the client has gone away before the answer ended (or the answer ended): nothing more to send. */
function untilClosed(response: Response): Promise<typeof GONE> {
  return new Promise((resolve) => {
    if (response.destroyed || response.writableEnded) resolve(GONE);
    else response.once('close', () => resolve(GONE));
  });
}

@ApiTags('history')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  private readonly logger = new Logger('GET /events');
  private readonly slots: StreamSlots;
  private readonly maxPage: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = new StreamSlots(config.streams.historyPerUser, 'GET /events streams');
    this.maxPage = config.streams.historyPageMaxEvents;
  }

  /** Streams open now, per user or in all (tests, and whoever watches the process). */
  openStreams(userId?: string): number {
    return this.slots.count(userId);
  }

  @ApiOperation({
    summary: 'The stored events, filtered and paged',
    description:
      'NDJSON, one stored envelope a line, in the global order. A page holds at most `limit` events (default and ' +
      'most: HISTORY_PAGE_MAX_EVENTS, 100,000 unless configured); when it holds `limit`, ask for the next with ' +
      "`after` = its last line's `globalPosition`. A user may have HISTORY_STREAMS_PER_USER (2) of these open at " +
      'once; one more is refused with 429 `too-many-streams`.',
  })
  @Get()
  @RequirePermission('history:read')
  @ApiTooManyRequestsResponse({
    description: 'Too many requests in the window (`rate-limited`), or this user already has HISTORY_STREAMS_PER_USER GET /events streams open (`too-many-streams`): wait as `Retry-After` says.',
    headers: { 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer', minimum: 1 } } },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  })
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'from', required: false, description: 'recorded at or after (ISO 8601)' })
  @ApiQuery({ name: 'until', required: false, description: 'recorded at or before (ISO 8601)' })
  @ApiQuery({ name: 'type', required: false, description: 'event types, comma-separated' })
  @ApiQuery({ name: 'stream', required: false, description: 'stream id prefix, e.g. deal-' })
  @ApiQuery({ name: 'limit', required: false, description: 'the most events to return (1 to HISTORY_PAGE_MAX_EVENTS, its default)', schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'after', required: false, description: "start after this global position (the `globalPosition` of the previous page's last line)", schema: { type: 'string', example: '1234/1234' } })
  async export(
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('from') fromText?: string,
    @Query('until') untilText?: string,
    @Query('type') typeText?: string,
    @Query('stream') stream?: string,
    @Query('limit') limitText?: string,
    @Query('after') afterText?: string,
  ): Promise<void> {
    const from = instant(fromText, 'from');
    const until = instant(untilText, 'until');
    const limit = pageLimit(limitText, this.maxPage);
    // Throws InvalidEventStoreInputError naming `after`: a 400.
    const after = afterText === undefined ? undefined : decodePosition(afterText, 'after');
    const types = typeText?.split(',').map((type) => type.trim()).filter(Boolean);
    const badType = types?.find((type) => !TYPE.test(type));
    if (badType !== undefined) throw new BadRequestException({ code: 'invalid-request', field: 'type', message: `type: "${badType}" is not an event type name` });
    if (stream !== undefined && (stream === '' || stream.length > 256)) {
      throw new BadRequestException({ code: 'invalid-request', field: 'stream', message: 'stream: must be a stream id prefix of 1 to 256 characters' });
    }
    const release = this.slots.take(actor.userId, response);
    const gone = untilClosed(response);
    const history = this.store.readAll({
      batchSize: Math.min(2000, limit),
      ...(after ? { from: after } : {}),
      filter: { ...(types?.length ? { eventTypes: types } : {}), ...(stream ? { streamPrefix: stream } : {}) },
      ...(until ? { until: { recordedAt: until } } : {}),
    });
    const events = history[Symbol.asyncIterator]();
    try {
      response.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
      let written = 0;
      while (written < limit) {
        const reading = events.next();
        const next = await Promise.race([reading, gone]);
        // (A read left in flight when the client went away is settled by events.return() below.)
        if (next === GONE || next.done) break;
        const event = next.value;
        if (from && event.recordedAt < from) continue;
        written += 1;
        // Respect the client's pace: hold the read while the socket's buffer is full, unless the client leaves.
        if (!response.write(envelopeLine(event)) && (await Promise.race([once(response, 'drain'), gone])) === GONE) break;
      }
    } catch (error) {
      // Before the first line the error filter answers (503 when the store is away); after it, only cutting
      // the stream short tells the client that it is not whole.
      if (!response.headersSent) throw error;
      this.logger.warn(`a history stream was cut short: ${(error as Error).message}`);
      response.destroy();
    } finally {
      release();
      // Closes the store's read (its finally runs once the read in flight, if any, settles).
      void events.return?.(undefined).catch(() => undefined);
    }
    if (!response.destroyed && !response.writableEnded) response.end();
  }
}
