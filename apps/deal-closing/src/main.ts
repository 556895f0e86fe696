// First: traces (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must start before http, pg and kafkajs are loaded.
import '#tracing';
import { runApp } from '#libs/platform';
import { DealClosingAppModule } from './deal-closing-app.module';

runApp('DealClosing', (config) => DealClosingAppModule.forRoot(config));
