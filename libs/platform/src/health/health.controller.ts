import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore, type EventStoreHealth } from '#libs/event-store';
import { Public } from '../auth/auth.guard';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly store: EventStoreHealth;
}

/** GET /health: 200 while the event store answers, 503 when it does not. */
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const store = await this.store.health();
    response.status(store.reachable ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: store.reachable ? 'ok' : 'unavailable', store };
  }
}
