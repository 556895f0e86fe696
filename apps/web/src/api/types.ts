/** Names for the API's answers the pages read, taken from the generated document types (never copied by hand). */
import type { paths } from './schema';

type Ok<Path extends keyof paths> = paths[Path] extends { get: { responses: { 200: { content: { 'application/json': infer Body } } } } } ? Body : never;

export type KpiReport = Ok<'/kpis'>;
export type KpiSeries = Ok<'/kpis/series'>;
export type FunnelItems = Ok<'/kpis/funnel/{stage}'>;
export type Forecast = Ok<'/kpis/forecast'>;
export type Leaderboard = Ok<'/kpis/leaderboard'>;
export type Queue = Ok<'/queues/me'>;
export type Roster = Ok<'/team/reps'>;
export type LeadPage = Ok<'/leads/{leadId}'>;
export type DealPage = Ok<'/deals/{dealId}'>;
/** A line of an item's history (leads, deals and accounts share the shape). */
export type HistoryLine = LeadPage['history'][number];
export type AccountPage = Ok<'/accounts/{accountId}'>;
export type TaskPage = Ok<'/tasks/{taskId}'>;
export type CallScripts = Ok<'/call-scripts'>;
