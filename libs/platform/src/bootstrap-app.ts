import 'reflect-metadata';
import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from './config/app-config';
import { configureHttp } from './http/configure-http';

export interface RunningApp {
  readonly app: INestApplication;
  readonly config: AppConfig;
  readonly url: string;
}

/**
 * Boots one Sales-ops process: reads the configuration, builds the root module from it (which opens and
 * migrates the store), applies the HTTP conventions and listens. Throws whatever stops the boot.
 */
export async function bootstrapApp(
  title: string,
  rootModule: (config: AppConfig) => DynamicModule,
  env: NodeJS.ProcessEnv = process.env,
  options: { logger?: false } = {},
): Promise<RunningApp> {
  const config = loadConfig(env);
  const app = await NestFactory.create(rootModule(config), {
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.enableShutdownHooks();
  configureHttp(app, title);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  return { app, config, url: `http://localhost:${address.port}` };
}

/** The main() of every app: boot, say where it listens, or say why it did not start and exit 1. */
export function runApp(title: string, rootModule: (config: AppConfig) => DynamicModule): void {
  bootstrapApp(title, rootModule).then(
    ({ config, url }) => {
      const store = config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//…@');
      new Logger(title).log(`listening on ${url} (event store ${store}); GET ${url}/health, API at ${url}/docs`);
    },
    (error: unknown) => {
      console.error(`${title} did not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
