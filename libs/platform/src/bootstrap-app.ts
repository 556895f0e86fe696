import 'reflect-metadata';
import type { Server, ServerResponse } from 'node:http';
import { Logger as NestLogger, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from './config/app-config';
import { configureHttp } from './http/configure-http';
import { applyHttpSecurity } from './http/security-headers';
import { applyHttpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { LocalSignIn } from './web-session/local-sign-in';
import { PublicUrl } from './web-session/public-url';
import { appLogging, type LogSink } from './logging/app-logging';
import { runningTracing } from './tracing/tracing';

/** The root of a process that logs: its app's module and the JSON logger. */
@Module({})
class LoggedApp {}

export interface RunningApp {
  readonly app: INestApplication;
  readonly config: AppConfig;
  readonly url: string;
  /**
   * The embedded default's one-time sign-in link for a browser (`<PUBLIC_URL>/?code=…`), printed at start;
   * undefined when the app signs browsers in through OIDC (or has no platform module).
   */
  readonly signInUrl: string | undefined;
}

/**
 * Boots one Sales-ops process: reads the configuration, builds the root module from it (which opens and
 * migrates the store), applies the security headers and the HTTP conventions and listens. Throws whatever
 * stops the boot.
 */
export interface AppOptions {
  /** false: no logs; a LogSink: the JSON lines go to it instead of stdout (a test that reads what was logged). */
  readonly logger?: false | LogSink;
  /** Serve the web front end (config.webRoot) at / and /app/… — the all-in-one app and sales-insights do. */
  readonly web?: boolean;
}

export async function bootstrapApp(
  title: string,
  rootModule: (config: AppConfig) => DynamicModule,
  env: NodeJS.ProcessEnv = process.env,
  options: AppOptions = {},
): Promise<RunningApp> {
  const config = loadConfig(env);
  const logged = options.logger !== false;
  const root: DynamicModule = logged ? { module: LoggedApp, imports: [rootModule(config), appLogging(title, config.logLevel, options.logger || undefined)] } : rootModule(config);
  const app = await NestFactory.create(root, {
    abortOnError: false,
    // Bodies are parsed after the guards (BodyParsingInterceptor), not by middleware before them.
    bodyParser: false,
    // The boot's own messages wait for the JSON logger, then go through it.
    ...(logged ? { bufferLogs: true } : { logger: false }),
  });
  if (logged) app.useLogger(app.get(Logger));
  // First: every answer (the page's, the API's, an error's) carries the security headers.
  applyHttpSecurity(app, config.http, config.publicUrl);
  // Then every answer is counted and timed (/metrics), refusals by the guards included.
  await optional(app, Metrics, async (metrics) => applyHttpMetrics(app, metrics));
  configureHttp(app, title, { ...(options.web ? { webRoot: config.webRoot } : {}), rateLimited: config.rateLimit.store !== 'off' });
  const server = app.getHttpServer() as Server;
  // Idle keep-alive connections outlive the balancer's (HttpSettings.keepAliveTimeoutMs); a request's headers may
  // take as long as Node's default, but never less than that (Node's advice: more than keepAliveTimeout).
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  server.headersTimeout = Math.max(server.headersTimeout, config.http.keepAliveTimeoutMs + 1000);
  await app.listen(config.port, config.host);
  const address = server.address() as { port: number };
  const signInUrl = await optional(app, PublicUrl, async (publicUrl) => {
    publicUrl.listeningOn(address.port);
    return optional(app, LocalSignIn, (localSignIn) => localSignIn.link());
  });
  return { app, config, url: `http://localhost:${address.port}`, signInUrl };
}

/** Uses a provider of the platform module when the root module mounts it. */
async function optional<T, R>(app: INestApplication, token: abstract new (...args: never[]) => T, use: (provider: T) => Promise<R | undefined>): Promise<R | undefined> {
  let provider: T;
  try {
    provider = app.get(token, { strict: false });
  } catch {
    return undefined;
  }
  return use(provider);
}

/** The main() of every app: boot, say where it listens, or say why it did not start and exit 1. */
export function runApp(title: string, rootModule: (config: AppConfig) => DynamicModule, options: Pick<AppOptions, 'web'> = {}): void {
  bootstrapApp(title, rootModule, process.env, options).then(
    ({ app, config, url, signInUrl }) => {
      // Here, in a process's main, not in bootstrapApp: an app a test boots in its own process is closed by the test.
      stopOnSignals(app, config.shutdownTimeoutMs);
      const store = config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//…@');
      const logger = new NestLogger(title);
      logger.log(`listening on ${url} (event store ${store}); GET ${url}/health, API at ${url}/docs`);
      // Like a notebook server: the way in for a browser, once (npm run -s sign-in-link makes another).
      if (signInUrl) logger.log(`sign in: ${signInUrl}`);
    },
    (error: unknown) => {
      console.error(`${title} did not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * A stop (SIGTERM, SIGINT), in the order that loses nothing: the HTTP server stops taking connections and lets the
 * requests in flight finish (their keep-alive connections closed once answered), then Nest's shutdown runs — the process managers,
 * projections and followers stop at their checkpoints, the relay and the store close — and the process exits 0.
 * (Nest's own enableShutdownHooks would stop the readers first, while requests were still being answered.) A stop
 * that takes longer than SHUTDOWN_TIMEOUT_MS exits 1, saying so.
 */
function stopOnSignals(app: INestApplication, timeoutMs: number): void {
  const logger = new NestLogger('Shutdown');
  const stop = (signal: NodeJS.Signals): void => {
    // A signal during the stop changes nothing (a Ctrl-C reaches `npm run demo` and the app, and the demo passes
    // it on): the stop goes on, bounded by the timeout.
    for (const each of STOP_SIGNALS) process.removeListener(each, stop);
    for (const each of STOP_SIGNALS) process.on(each, () => undefined);
    logger.log(`${signal}: no new requests; finishing those in flight, then stopping (at most ${timeoutMs} ms)`);
    const timer = setTimeout(() => {
      logger.error(`the stop took longer than SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms): exiting now`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    const server = app.getHttpServer() as Server;
    // Keep-alive connections end with the stop, not at their timeout (HTTP_KEEP_ALIVE_TIMEOUT_MS, a minute): a request
    // that still comes on one is answered with `Connection: close`, and one idle once its request was answered is
    // closed then (Node closes those idle at server.close() only).
    server.on('request', (_request: unknown, response: ServerResponse) => response.setHeader('connection', 'close'));
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    sweep.unref();
    new Promise<void>((resolve) => server.close(() => resolve()))
      .finally(() => clearInterval(sweep))
      .then(() => app.close())
      // The spans of the last requests and of the stop itself are sent before the exit.
      .then(() => runningTracing()?.shutdown().catch((error: unknown) => logger.warn(`traces not all sent: ${error instanceof Error ? error.message : String(error)}`)))
      .then(
        () => {
          logger.log('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`the stop failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  };
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
}
