/**
 * libs/projections — read models built from the store's events. For now the roster (reps, availability,
 * load) that routing reads; the queues and KPIs come with the projections issue. It reads events only and
 * imports no context.
 */
export { RosterReadModel, ROSTER_EVENT_TYPES, type RosterEntry, type RoutingChoice, type SkipReason } from './roster/roster.read-model';
export { RosterHost, type RosterSource } from './roster/roster.host';
export { ProjectionsModule } from './projections.module';
export { StoreFollower } from './store-follower';
