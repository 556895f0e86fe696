import { Injectable } from '@nestjs/common';
import { RosterHost } from '../roster/roster.host';
import type { FollowerStatus } from '../store-follower/store-follower';
import { HealthIndicators, type IndicatorReport } from './health-indicators';

/**
 * An in-memory follower of the store as /health reports it: unhealthy only once it has failed (its model is
 * stale), ready once it is live (it has read every event stored when it started).
 */
export function followerHealth(status: FollowerStatus): IndicatorReport {
  return { healthy: status.state !== 'failed', ready: status.state === 'live', ...status };
}

/**
 * Reports the roster routing reads (RosterHost, every app has one) in /health: it is read from the start
 * of the store at boot, so an app is ready for routed commands once `roster.state` is `live`.
 */
@Injectable()
export class RosterHealth {
  constructor(roster: RosterHost, health: HealthIndicators) {
    health.register({ name: 'roster', check: async () => followerHealth(roster.status()) });
  }
}
