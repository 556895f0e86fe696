/**
 * libs/platform — what every Sales-ops process shares: configuration, authentication (bearer tokens, and
 * the browser's session cookie with its sign-in: a one-time link on the embedded default, OpenID Connect in
 * production) and the permission matrix, the rate limits, the HTTP conventions (security headers and CORS,
 * bodies read after the guards, validation, error shape, OpenAPI, command envelopes, the use cases' command
 * and query shapes, bounded streams) and health. It must not import any bounded context.
 */
export {
  APP_CONFIG,
  CONFIG_DEFAULTS,
  ConfigError,
  loadConfig,
  type AppConfig,
  type KafkaSettings,
  type StreamSettings,
  type OidcAuth,
  type OidcClientSettings,
  type SharedSecretAuth,
  type WebSessionSettings,
} from './config/app-config';
export { HealthIndicators, type HealthIndicator, type IndicatorReport } from './health/health-indicators';
export { Metrics } from './metrics/metrics';
export { followerHealth } from './health/follower-health';
export { AuthGuard, CurrentActor, Public, RequirePermission } from './auth/auth.guard';
export { PERMISSION_MATRIX, type Permission } from './auth/permission-matrix';
export { loadOrCreateJwtSecret, privacyMasterKeyFile } from './auth/jwt-secret';
export { signToken, TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier';
export { mintSignInCode, signInLink } from './web-session/sign-in-code';
export { LocalSignIn } from './web-session/local-sign-in';
export { commandEnvelope, newIdFor } from './http/command-envelope';
export { runCommandRoute } from './http/command-route';
export {
  actorRef,
  arrayOf,
  companySchema,
  contactSchema,
  count,
  described,
  dictionary,
  enumOf,
  flag,
  historySchema,
  instant,
  literalsOf,
  money,
  nullable,
  number,
  object,
  oneOf,
  personalDataSchema,
  personalText,
  record,
  revisionETag,
  routingSchema,
  text,
  type Schema,
} from './http/openapi-schema';
export { configureHttp } from './http/configure-http';
export { StreamSlots } from './http/stream-slots';
export { coreModules } from './platform.module';
export { openAppEventStore, privacyMasterKey } from './privacy/app-event-store';
export { MoneyDto, ParseIdPipe, ID_PATTERN } from './http/common.dto';
export { bootstrapApp, runApp, type AppOptions, type RunningApp } from './bootstrap-app';
export type { LogSink } from './logging/app-logging';
export { limitHeapGrowth } from './heap';
export { ProcessManagersModule, type CommandSender, type ProcessManagerDependencies, type ProcessManagerFactory } from './process-managers.module';
export { UseCaseCommand } from './use-case-command';
export { UseCaseQuery } from './use-case-query';
export { RosterReadModel, RosterView, ROSTER_PROJECTION, ROSTER_EVENT_TYPES, type RosterEntry, type RoutingChoice } from './roster/roster.read-model';
export { RosterHost, type RosterSource, type RoutedTo } from './roster/roster.host';
export { StoreFollower, type FollowerStatus } from './store-follower/store-follower';
export { PersistedFollower } from './read-models/persisted-follower';
export { ReadModelDatabase } from './read-models/read-model-database';
