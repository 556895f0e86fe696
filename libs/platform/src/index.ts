/**
 * libs/platform — what every Sales-ops process shares: configuration, health (later auth, logging,
 * metrics). It must not import any bounded context.
 */
export { APP_CONFIG, CONFIG_DEFAULTS, ConfigError, loadConfig, type AppConfig } from './config/app-config';
export { HealthController, type HealthReport } from './health/health.controller';
