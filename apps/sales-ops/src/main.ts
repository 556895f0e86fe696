// First: traces (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must start before http, pg and kafkajs are loaded.
import '#tracing';
import { runApp } from '#libs/platform';
import { SalesOpsModule } from './sales-ops.module';

runApp('Sales-ops', (config) => SalesOpsModule.forRoot(config), { web: true });
