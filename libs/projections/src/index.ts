/**
 * libs/projections — read models built from the store's events: the engine that runs them (persisted
 * documents + checkpoint in one transaction, versioned rebuilds, one writer per build, lag), the work
 * queues, the KPI facts and the KPI and queue computations. It reads events only and imports no context
 * and not the platform.
 */
export { defineProjection, type DocumentReader, type DocumentWriter, type ProjectionDefinition } from './engine/projection';
export { DocumentState, type DocumentChange, type DocumentLayer } from './engine/document-state';
export { StaleBuildWriterError, type BuildRecord, type BuildWriter, type ReadModelStore } from './engine/read-model-store.port';
export { SqliteReadModelStore } from './engine/sqlite-read-model-store';
export { PostgresReadModelStore } from './engine/postgres-read-model-store';
export { openReadModelStore } from './engine/open-read-model-store';
export { ProjectionRunner, REPLAY_RUNNER_OPTIONS, type ProjectionRunnerOptions, type ProjectionStatus, type ProjectionProgress } from './engine/projection-runner';
export { foldHistory, type FoldedDocuments } from './as-of';
export { AsOfLadder, RUNG_EVENTS, type LadderStatus } from './as-of-ladder';
export { kpiFactsProjection, type RepFact, type LeadFact, type DealFact, type AccountFact, type RepeatSaleFact, type PlanFact } from './kpis/kpi-facts.projection';
export { computeKpis, KPI_GROUP_BY, FUNNEL_STAGES, type FunnelStage, type KpiGroupBy, type KpiQuery, type KpiReport } from './kpis/compute-kpis';
export {
  computeKpiSeries, defaultSeriesFrom, seriesBuckets, MAX_SERIES_BUCKETS, SERIES_INTERVALS, type KpiSeriesBucket, type SeriesInterval,
} from './kpis/kpi-series';
export { funnelDrillDown, FUNNEL_VIEWS, type FunnelDrillDown, type FunnelItem, type FunnelView } from './kpis/funnel-drill-down';
export { forecastPeriod, PIPELINE_METRICS, RUN_RATE_METRICS, type Forecast, type PeriodForecast } from './kpis/forecast';
export { buildLeaderboard, type Leaderboard, type LeaderboardRow } from './kpis/leaderboard';
export { workQueuesProjection } from './queues/work-queues.projection';
export { buildQueue, QUEUE_ROLES, type QueueRole, type QueueItem } from './queues/build-queue';

import { kpiFactsProjection } from './kpis/kpi-facts.projection';
import { workQueuesProjection } from './queues/work-queues.projection';
/** Every projection the read side runs, by name (the CLI's `replay <projection>`). */
export const PROJECTIONS = [workQueuesProjection, kpiFactsProjection] as const;
