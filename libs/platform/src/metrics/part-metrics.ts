import type { EventStore } from '#libs/event-store';
import type { HealthIndicators, IndicatorReport } from '../health/health-indicators';
import type { Metrics } from './metrics';

interface ReaderDetail {
  readonly projection?: string;
  readonly name?: string;
  readonly state?: string;
  readonly eventsApplied?: number;
  readonly eventsHandled?: number;
  readonly eventsRead?: number;
  readonly eventsPublished?: number;
  readonly lag?: { readonly eventsBehind?: number; readonly secondsBehind?: number };
}

/** Sets the gauges of the parts from what /health would report now (one look at each, at the scrape). */
export async function readPartMetrics(metrics: Metrics, store: EventStore, indicators: HealthIndicators): Promise<void> {
  const began = process.hrtime.bigint();
  const health = await store.health();
  metrics.storeRoundTrip.set(Number(process.hrtime.bigint() - began) / 1e9);
  metrics.storeReachable.set(health.reachable ? 1 : 0);
  const { details } = await indicators.report();
  for (const [part, report] of Object.entries(details) as Array<[string, IndicatorReport]>) {
    metrics.partHealthy.set({ part }, report.healthy ? 1 : 0);
    metrics.partReady.set({ part }, report.healthy && report.ready !== false ? 1 : 0);
    for (const [reader, detail] of readersOf(part, report)) setReader(metrics, reader, detail);
  }
}

/** The readers of the store a part reports on: itself (a follower, the relay), or each of its projections or managers; none for other parts. */
function readersOf(part: string, report: IndicatorReport): Array<[string, ReaderDetail]> {
  if (Array.isArray(report.projections)) return (report.projections as ReaderDetail[]).map((detail) => [`projection:${detail.projection}`, detail]);
  if (Array.isArray(report.managers)) return (report.managers as ReaderDetail[]).map((detail) => [`process-manager:${detail.name}`, detail]);
  const detail = report as ReaderDetail;
  if (typeof detail.state === 'string' && (detail.eventsRead !== undefined || detail.eventsPublished !== undefined || detail.lag !== undefined)) return [[part, detail]];
  return [];
}

function setReader(metrics: Metrics, reader: string, detail: ReaderDetail): void {
  metrics.live.set({ reader }, detail.state === 'live' ? 1 : 0);
  const handled = detail.eventsApplied ?? detail.eventsHandled ?? detail.eventsRead ?? detail.eventsPublished;
  if (typeof handled === 'number') metrics.eventsHandled.set({ reader }, handled);
  if (typeof detail.lag?.eventsBehind === 'number') metrics.eventsBehind.set({ reader }, detail.lag.eventsBehind);
  if (typeof detail.lag?.secondsBehind === 'number') metrics.secondsBehind.set({ reader }, detail.lag.secondsBehind);
}
