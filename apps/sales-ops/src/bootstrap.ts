import { bootstrapApp, type AppOptions, type RunningApp } from '#libs/platform';
import { SalesOpsModule } from './sales-ops.module';

export type { RunningApp };

/** Boots the all-in-one app (used by main.ts and by the end-to-end tests). */
export function bootstrap(env: NodeJS.ProcessEnv = process.env, options: Pick<AppOptions, 'logger'> = {}): Promise<RunningApp> {
  return bootstrapApp('Sales-ops', (config) => SalesOpsModule.forRoot(config), env, { ...options, web: true });
}
