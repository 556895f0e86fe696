import { Injectable } from '@nestjs/common';

/** What an indicator reports: `healthy`, `ready` when it differs from `healthy`, and details as they are. */
export interface IndicatorReport {
  /** false: the part failed — /health and /health/ready answer 503. */
  readonly healthy: boolean;
  /**
   * false: the part works but the process should not take traffic yet (a read model still catching up at boot):
   * /health/ready answers 503, /health does not. Absent: as `healthy`.
   */
  readonly ready?: boolean;
  readonly [detail: string]: unknown;
}

/** One part of the process that /health reports on (the read models and their lag, the Kafka relay...). */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<IndicatorReport>;
}

/** Where modules register what /health reports besides the event store. */
@Injectable()
export class HealthIndicators {
  private readonly indicators: HealthIndicator[] = [];

  register(indicator: HealthIndicator): void {
    this.indicators.push(indicator);
  }

  /** Every indicator's report; `notReady` names those that are unhealthy or not ready yet. */
  async report(): Promise<{ healthy: boolean; notReady: string[]; details: Record<string, unknown> }> {
    const details: Record<string, unknown> = {};
    const notReady: string[] = [];
    let healthy = true;
    for (const indicator of this.indicators) {
      let result: IndicatorReport;
      try {
        result = await indicator.check();
      } catch (error) {
        result = { healthy: false, error: (error as Error).message };
      }
      details[indicator.name] = result;
      healthy &&= result.healthy;
      if (!result.healthy || result.ready === false) notReady.push(indicator.name);
    }
    return { healthy, notReady, details };
  }
}
