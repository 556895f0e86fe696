import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '#libs/event-store';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthGuard } from './auth/auth.guard';
import { loadOrCreateJwtSecret, loadOrCreateSessionSecret } from './auth/jwt-secret';
import { privacyMasterKey } from './privacy/app-event-store';
import { OidcTokenVerifier, SharedSecretTokenVerifier, TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { LocalSignIn } from './web-session/local-sign-in';
import { OidcDiscovery, OidcSignIn } from './web-session/oidc-sign-in';
import { OIDC_SIGN_IN, OidcSignInController } from './web-session/oidc-sign-in.http';
import { PublicUrl } from './web-session/public-url';
import { SignInCodes } from './web-session/sign-in-code';
import { WebSessionController } from './web-session/web-session.http';
import { WebSessions } from './web-session/web-sessions';
import { CommandRunnerProvider } from './command-runner.provider';
import { HealthController } from './health/health.http';
import { HealthIndicators } from './health/health-indicators';
import { RosterHealth } from './health/follower-health';
import { RosterHost } from './roster/roster.host';
import { ReadModelDatabase } from './read-models/read-model-database';
import { rateLimiting } from './rate-limit/rate-limiting';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.http';

/**
 * What every Sales-ops process mounts: its configuration, the command bus, the rate limits and authentication
 * (bearer tokens and the browser's session, with its /auth routes), the roster routing reads, /health and /metrics.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    const auth = config.auth;
    // One discovery of the provider's metadata, shared by the bearer tokens' keys and the browser sign-in.
    const discovery = auth.kind === 'oidc' && auth.issuer !== undefined && (auth.jwksUrl === undefined || auth.client) ? new OidcDiscovery(auth.issuer, auth.client) : undefined;
    const publicUrl = new PublicUrl(config.publicUrl);
    let sessionSecret: string | undefined;
    const session = (): string => (sessionSecret ??= loadOrCreateSessionSecret(config.dataDir, config.webSession.secret));
    const limits = rateLimiting(config);
    return {
      module: PlatformModule,
      global: true,
      imports: [CqrsModule.forRoot(), ...limits.imports],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: TOKEN_VERIFIER, useFactory: (): TokenVerifier => createTokenVerifier(config, discovery) },
        { provide: PublicUrl, useValue: publicUrl },
        { provide: WebSessions, useFactory: () => new WebSessions(session(), config.webSession.ttlSeconds, publicUrl) },
        {
          provide: LocalSignIn,
          useFactory: () =>
            new LocalSignIn(
              auth.kind === 'shared-secret' ? new SignInCodes(loadOrCreateJwtSecret(config.dataDir, auth.secret), config.webSession.signInCodeTtlSeconds) : undefined,
              publicUrl,
            ),
        },
        {
          provide: OIDC_SIGN_IN,
          useFactory: (): OidcSignIn | null =>
            auth.kind === 'oidc' && auth.client && discovery ? new OidcSignIn(discovery, auth.client, auth.roleClaim, session(), publicUrl) : null,
        },
        // Global guards run in this order: the caller's address is counted, then the caller is authenticated, then counted.
        ...limits.beforeAuth,
        { provide: APP_GUARD, useClass: AuthGuard },
        ...limits.afterAuth,
        CommandRunnerProvider,
        HealthIndicators,
        ReadModelDatabase,
        RosterHost,
        RosterHealth,
        Metrics,
      ],
      controllers: [HealthController, MetricsController, WebSessionController, OidcSignInController],
      exports: [APP_CONFIG, TOKEN_VERIFIER, CommandRunnerProvider, HealthIndicators, Metrics, PublicUrl, WebSessions, LocalSignIn, ReadModelDatabase, RosterHost],
    };
  }
}

function createTokenVerifier(config: AppConfig, discovery: OidcDiscovery | undefined): TokenVerifier {
  const auth = config.auth;
  if (auth.kind === 'shared-secret') return new SharedSecretTokenVerifier(loadOrCreateJwtSecret(config.dataDir, auth.secret), config.tokens);
  const jwks = auth.jwksUrl ?? (() => discovery!.jwksUri());
  return new OidcTokenVerifier(jwks, auth.issuer, auth.audience, auth.roleClaim, config.tokens);
}

/** What every app imports before its contexts: the platform (with the roster) and the store (with checkpoints). */
export function coreModules(config: AppConfig): DynamicModule[] {
  return [
    PlatformModule.forRoot(config),
    EventStoreModule.forRoot(config.eventStoreUrl, {
      poolSize: config.eventStorePoolSize,
      readModelUrl: config.readModelUrl,
      masterKey: () => privacyMasterKey(config),
    }),
  ];
}
