import { Injectable } from '@nestjs/common';

/** One part of the process that /health reports on (the read models and their lag, the Kafka relay...). */
export interface HealthIndicator {
  readonly name: string;
  /** `healthy: false` turns /health into a 503; everything else is reported as it is. */
  check(): Promise<{ readonly healthy: boolean; readonly [detail: string]: unknown }>;
}

/** Where modules register what /health reports besides the event store. */
@Injectable()
export class HealthIndicators {
  private readonly indicators: HealthIndicator[] = [];

  register(indicator: HealthIndicator): void {
    this.indicators.push(indicator);
  }

  async report(): Promise<{ healthy: boolean; details: Record<string, unknown> }> {
    const details: Record<string, unknown> = {};
    let healthy = true;
    for (const indicator of this.indicators) {
      try {
        const result = await indicator.check();
        details[indicator.name] = result;
        healthy &&= result.healthy;
      } catch (error) {
        details[indicator.name] = { healthy: false, error: (error as Error).message };
        healthy = false;
      }
    }
    return { healthy, details };
  }
}
