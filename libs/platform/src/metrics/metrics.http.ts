import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { Public } from '../auth/auth.guard';
import { HealthIndicators } from '../health/health-indicators';
import { Metrics } from './metrics';
import { readPartMetrics } from './part-metrics';

/** GET /metrics: Prometheus' text format; public like /health (it holds names and figures, no personal data). */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly indicators: HealthIndicators,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ApiOperation({ summary: "The process's metrics in Prometheus' text format: HTTP, the process, and each part /health reports" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format 0.0.4', schema: { type: 'string' } })
  @Get()
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    await readPartMetrics(this.metrics, this.store, this.indicators);
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
