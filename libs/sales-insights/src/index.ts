/**
 * libs/sales-insights — the read side's HTTP: queues (GET /queues/...), KPIs (GET /kpis and the dashboard's
 * /kpis/series, /kpis/funnel/{stage}, /kpis/forecast, /kpis/leaderboard) and the history for analysts
 * (GET /events), over the projections of libs/projections. It writes no events.
 */
export { SalesInsightsModule } from './sales-insights.module';
export { ReadModelsHost } from './read-models/read-models.host';
export { storedEnvelope } from './history/events.http';
export { escapeFormula } from './export/formula-escape';
