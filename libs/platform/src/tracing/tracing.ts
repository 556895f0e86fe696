/**
 * Traces (OpenTelemetry), when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans of every HTTP request (in and out), every
 * PostgreSQL query and every Kafka send and fetch of kafkajs, exported over OTLP/HTTP (the standard OTEL_*
 * variables apply: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME — by default the app's
 * name —, OTEL_TRACES_SAMPLER…). A command's trace goes on past the request: its events carry the trace context in
 * their metadata (`traceparent`, W3C), the process managers' commands continue it, the relay puts it on the Kafka
 * message (`ce_traceparent`, CloudEvents' distributed-tracing extension) and the consumer library's span of an event
 * joins it. Traces only: metrics are Prometheus' (/metrics) and logs pino's, so the SDK's own metrics and logs are
 * off unless OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER ask for them.
 *
 * Started before anything else is loaded (register.ts, the first import of every app's main), so that http, pg and
 * kafkajs are instrumented when they are first required; without the variable nothing of the SDK is loaded at all.
 */
import { basename, dirname } from 'node:path';

export interface Tracing {
  /** Sends the spans still buffered and stops (at the end of a graceful stop). */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/** The app a main script belongs to (`dist/apps/<app>/src/main.js`): the default service name. */
function appName(script: string | undefined): string {
  if (script === undefined) return 'sales-ops';
  const app = basename(dirname(dirname(script)));
  return app === '' || app === '.' ? 'sales-ops' : app;
}

/** Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; else does nothing. */
export function startTracing(env: NodeJS.ProcessEnv = process.env, script: string | undefined = process.argv[1]): Tracing | undefined {
  if (started !== undefined) return started;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  // Loaded only now: an app that does not trace pays nothing for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports -- synchronous on purpose: before http, pg and kafkajs load */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? appName(script),
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      // Probes and scrapes are not traced: they would be most of the spans and none of the questions.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? '') }),
      // Only the queries of something traced (a request, a consumer's handling): not the readers' background polls.
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  started = { shutdown: () => sdk.shutdown() };
  return started;
}

/** The tracing this process started, if any (stopped at the end of a graceful stop). */
export function runningTracing(): Tracing | undefined {
  return started;
}
