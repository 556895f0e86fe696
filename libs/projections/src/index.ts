/**
 * libs/projections — read models built from the store's events: the engine that runs them (persisted
 * documents + checkpoint in one transaction, versioned rebuilds, one writer per build, lag), the work
 * queues, the KPI facts and the KPI and queue computations. It reads events only and imports no context
 * and not the platform.
 */
export { defineProjection, fieldsOf, updateDocument, type DocumentReader, type DocumentWriter, type ProjectionDefinition } from './engine/projection';
export { DocumentState } from './engine/document-state';
export { StaleBuildWriterError, type DocumentAddress, type PersistedDocument, type ReadModelStore } from './engine/read-model-store.port';
export { openReadModelStore } from './engine/open-read-model-store';
export { ProjectionRunner } from './engine/projection-runner';
export { StoredProjectionRunner, newestStoredSince, type StoredProjection, type StoredProjectionOptions, type StoredProjectionStatus } from './engine/stored-projection-runner';
export { REPLAY_RUNNER_OPTIONS, type ProjectionRunnerOptions, type ProjectionProgress } from './engine/projection-runner-options';
export { type ProjectionStatus } from './engine/projection-status';
export { foldHistory, type FoldedDocuments } from './as-of';
export { AsOfLadder } from './as-of-ladder';
export { kpiFactsProjection } from './kpis/kpi-facts.projection';
export { computeKpis, KPI_GROUP_BY, FUNNEL_STAGES, type KpiGroupBy, type KpiReport } from './kpis/compute-kpis';
export { computeKpiSeries, defaultSeriesFrom, seriesBuckets, MAX_SERIES_BUCKETS, SERIES_INTERVALS } from './kpis/kpi-series';
export { funnelDrillDown, FUNNEL_VIEWS } from './kpis/funnel-drill-down';
export { forecastPeriod, type Forecast, type PeriodForecast } from './kpis/forecast';
export { buildLeaderboard, type Leaderboard, type LeaderboardRow } from './kpis/leaderboard';
export { workQueuesProjection } from './queues/work-queues.projection';
export { buildQueue, QUEUE_ROLES, type QueueRole } from './queues/build-queue';

import { kpiFactsProjection } from './kpis/kpi-facts.projection';
import { workQueuesProjection } from './queues/work-queues.projection';
/** Every projection the read side runs, by name (the CLI's `replay <projection>`). */
export const PROJECTIONS = [workQueuesProjection, kpiFactsProjection] as const;
