import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore, type EventStoreHealth } from '#libs/event-store';
import { Public } from '../auth/auth.guard';
import { HealthIndicators } from './health-indicators';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly store: EventStoreHealth;
  readonly [indicator: string]: unknown;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not-ready';
  readonly store: EventStoreHealth;
  /** The parts that keep the process from taking traffic: `store`, or an indicator's name (`roster`, `projections`…). */
  readonly notReady: readonly string[];
  readonly [indicator: string]: unknown;
}

/**
 * The process's health, three ways:
 * - GET /health: 200 while the event store answers and no part has failed, else 503 — every part's report;
 * - GET /health/live: 200 while the process answers at all (a liveness probe: restart it when this fails), the
 *   store not asked — a database outage is no reason to restart every app;
 * - GET /health/ready: 200 once the store answers and every part is ready — the in-memory followers and the
 *   projections live (caught up with the store since boot) — else 503 naming what is not (a readiness probe:
 *   send it traffic when this answers 200).
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicators,
  ) {}

  @ApiOperation({ summary: 'The event store and each part the process runs, in detail; 503 when the store does not answer or a part failed' })
  @ApiResponse({ status: 503, description: 'The store does not answer or a part failed' })
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const { store, others } = await this.look();
    const ok = store.reachable && others.healthy;
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', store, ...others.details };
  }

  @ApiOperation({ summary: 'Liveness: 200 while the process answers (the store is not asked)' })
  @Get('live')
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @ApiOperation({ summary: 'Readiness: 200 once the store answers and every read model and follower is live; 503 naming what is not' })
  @ApiResponse({ status: 503, description: 'Not ready: `notReady` names the parts' })
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const { store, others } = await this.look();
    const notReady = [...(store.reachable ? [] : ['store']), ...others.notReady];
    response.status(notReady.length === 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: notReady.length === 0 ? 'ready' : 'not-ready', store, notReady, ...others.details };
  }

  /** The store's health and every part's report, as both /health and /health/ready read them. */
  private async look() {
    return { store: await this.store.health(), others: await this.indicators.report() };
  }
}
