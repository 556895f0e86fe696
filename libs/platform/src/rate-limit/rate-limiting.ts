/**
 * What the platform module mounts for the rate limits: the throttler module with its counts kept where
 * RATE_LIMIT_STORE says (PostgreSQL beside the events — READ_MODEL_URL's for events on KurrentDB —, this
 * process's memory, or nowhere), and the two guards
 * to list around the authentication guard.
 */
import type { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { parseSqlDatabaseUrl, sideDatabaseUrl } from '#libs/event-store';
import type { AppConfig } from '../config/app-config';
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';
import { PostgresRateLimitStorage } from './postgres-rate-limit-storage';
import { AddressRateLimitGuard, UserRateLimitGuard, rateLimitOptions } from './rate-limit.guards';

export interface RateLimiting {
  readonly imports: DynamicModule[];
  /** Listed before the authentication guard. */
  readonly beforeAuth: Provider[];
  /** Listed after it. */
  readonly afterAuth: Provider[];
}

export function rateLimiting(config: AppConfig): RateLimiting {
  const settings = config.rateLimit;
  if (settings.store === 'off') return { imports: [], beforeAuth: [], afterAuth: [] };
  const target = parseSqlDatabaseUrl(sideDatabaseUrl(config.eventStoreUrl, config.readModelUrl), 'rate-limit database');
  // The pool connects at the first request; each storage is closed by its onApplicationShutdown.
  const storage =
    settings.store === 'postgres' && target.kind === 'postgres' ? PostgresRateLimitStorage.open(target.connectionString, target.schema) : new MemoryRateLimitStorage();
  return {
    imports: [ThrottlerModule.forRoot(rateLimitOptions(settings, storage))],
    beforeAuth: [{ provide: APP_GUARD, useClass: AddressRateLimitGuard }],
    afterAuth: [{ provide: APP_GUARD, useClass: UserRateLimitGuard }],
  };
}
