import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttp, loadConfig, type AppConfig } from '#libs/platform';
import { SalesOpsModule } from './sales-ops.module';

export interface RunningApp {
  readonly app: INestApplication;
  readonly config: AppConfig;
  readonly url: string;
}

/** Reads the configuration, opens (and migrates) the store, and listens. Throws what stops the boot. */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env, options: { logger?: false } = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const app = await NestFactory.create(SalesOpsModule.forRoot(config), {
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.enableShutdownHooks();
  configureHttp(app);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  return { app, config, url: `http://localhost:${address.port}` };
}
