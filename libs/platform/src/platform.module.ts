import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '#libs/event-store';
import { ProjectionsModule } from '#libs/projections';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthGuard } from './auth/auth.guard';
import { loadOrCreateJwtSecret } from './auth/jwt-secret';
import { OidcTokenVerifier, SharedSecretTokenVerifier, TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { CommandRunnerProvider } from './command-runner.provider';
import { RunDeciderHandler } from './run-decider.command';
import { HealthController } from './health/health.controller';
import { HealthIndicators } from './health/health-indicators';
import { RosterHealth } from './health/follower-health';

/** What every Sales-ops process mounts: its configuration, the command bus, authentication and /health. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: TOKEN_VERIFIER, useFactory: (): TokenVerifier => createTokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        CommandRunnerProvider,
        RunDeciderHandler,
        HealthIndicators,
        RosterHealth,
      ],
      controllers: [HealthController],
      exports: [APP_CONFIG, TOKEN_VERIFIER, CommandRunnerProvider, HealthIndicators],
    };
  }
}

function createTokenVerifier(config: AppConfig): TokenVerifier {
  return config.auth.kind === 'oidc'
    ? new OidcTokenVerifier(config.auth.jwksUrl, config.auth.issuer, config.auth.audience)
    : new SharedSecretTokenVerifier(loadOrCreateJwtSecret(config.dataDir, config.auth.secret));
}

/** What every app imports before its contexts: the platform, the store (with checkpoints) and the shared read models. */
export function coreModules(config: AppConfig): DynamicModule[] {
  return [
    PlatformModule.forRoot(config),
    EventStoreModule.forRoot(config.eventStoreUrl, { poolSize: config.eventStorePoolSize }),
    { module: ProjectionsModule },
  ];
}
