/**
 * GET /live: Server-Sent Events carrying the read models' progress, so that an open page refetches only what
 * changed (the KPIs when kpi-facts applied events, the queues when work-queues did) instead of polling every
 * route. One event stream per page; the browser's EventSource reconnects by itself (`retry` below).
 */
import { Controller, Get, Inject, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiBearerAuth, ApiTooManyRequestsResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { APP_CONFIG, CurrentActor, RequirePermission, StreamSlots, type AppConfig } from '#libs/platform';
import { PROJECTIONS } from '#libs/projections';
import { ReadModelsHost } from '../read-models/read-models.host';
import { progressSnapshot, sameProgress, type ReadModelProgress } from './read-model-progress';

/** How often the read models' progress is looked at, per open stream. */
const TICK_MS = 200;
/** A comment line this often keeps idle connections open through proxies. */
const KEEP_ALIVE_MS = 15_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('live')
export class LiveController implements BeforeApplicationShutdown {
  /** Open streams, ended before shutdown: an HTTP server does not close while a response is open. */
  private readonly open = new Set<() => void>();
  /** At most LIVE_STREAMS_PER_USER per user (a page each): each holds a connection and a timer. */
  private readonly slots: StreamSlots;

  constructor(
    private readonly readModels: ReadModelsHost,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = new StreamSlots(config.streams.livePerUser, 'GET /live streams');
  }

  beforeApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }

  @ApiOperation({ summary: "Server-sent events: read models' progress as it happens" })
  @Get()
  @RequirePermission('live:read')
  @ApiTooManyRequestsResponse({
    description: 'Too many requests in the window (`rate-limited`), or this user already has LIVE_STREAMS_PER_USER GET /live streams open (`too-many-streams`): wait as `Retry-After` says.',
    headers: { 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer', minimum: 1 } } },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  })
  @ApiOkResponse({
    description:
      'text/event-stream. Each `progress` event (sent at once, then whenever a read model moved on) holds ' +
      '`{ "projections": { "<name>": { "state", "position", "eventsApplied" } } }`; its `id` is a digest of ' +
      'those positions. Refetch what a changed projection serves: kpi-facts → /kpis…, work-queues → /queues….',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): void {
    const release = this.slots.take(actor.userId, response);
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // Tells nginx-style proxies not to buffer the stream.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 2000\n\n');

    let last: ReadModelProgress | undefined;
    let quietSince = Date.now();
    const send = (): void => {
      const now = Date.now();
      const progress = progressSnapshot(PROJECTIONS, (projection) => this.readModels.status(projection));
      if (last !== undefined && sameProgress(last, progress)) {
        if (now - quietSince >= KEEP_ALIVE_MS) {
          response.write(': keep-alive\n\n');
          quietSince = now;
        }
        return;
      }
      last = progress;
      quietSince = now;
      response.write(`event: progress\nid: ${progress.id}\ndata: ${JSON.stringify({ projections: progress.projections })}\n\n`);
    };
    send();
    const timer = setInterval(send, TICK_MS);
    const close = (): void => {
      if (!this.open.delete(close)) return;
      clearInterval(timer);
      release();
      response.end();
    };
    this.open.add(close);
    request.on('close', close);
  }
}
