import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore, type EventStoreHealth } from '#libs/event-store';
import { Public } from '../auth/auth.guard';
import { HealthIndicators } from './health-indicators';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly store: EventStoreHealth;
  readonly [indicator: string]: unknown;
}

/** GET /health: 200 while the event store answers and every registered indicator is healthy, else 503. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicators,
  ) {}

  @ApiOperation({ summary: 'Liveness and readiness of the process and each part it runs' })
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const store = await this.store.health();
    const others = await this.indicators.report();
    const ok = store.reachable && others.healthy;
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', store, ...others.details };
  }
}
