/**
 * libs/sales-insights — the read side's HTTP: for now the history for analysts (GET /events); the queues and
 * KPIs join it. It reads the store and the read models; it writes nothing.
 */
export { HistoryModule } from './history/history.module';
export { envelopeLine } from './history/events.http';
