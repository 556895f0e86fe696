// First: traces (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must start before http, pg and kafkajs are loaded.
import '#tracing';
import { runApp } from '#libs/platform';
import { SalesInsightsAppModule } from './sales-insights-app.module';

runApp('SalesInsights', (config) => SalesInsightsAppModule.forRoot(config), { web: true });
