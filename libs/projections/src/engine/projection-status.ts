/** What a projection runner reports of each projection: its status, and how far its readers trail the store. */
import { encodePosition } from '#libs/event-store';
import type { ProjectionDefinition } from './projection';
import type { Part } from './projection-part';

type RunnerRole = 'writer' | 'follower';

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly buildId: number | null;
  readonly buildStatus: 'building' | 'active' | 'memory-only';
  readonly role: RunnerRole;
  readonly state: 'starting' | 'catching-up' | 'live' | 'stopped' | 'failed';
  /** Last event read into the state readers see (commit/prepare). */
  readonly position: string | null;
  /** Last event whose changes are persisted (writer only). */
  readonly persistedPosition: string | null;
  readonly eventsApplied: number;
  /** While its documents load behind the fold (ProjectionDefinition.loadInBackground): how many so far. */
  readonly loading?: { readonly documentsLoaded: number };
  readonly error?: string;
}

/**
 * The status of a projection from its part (the one served, else the one of the current cycle; none before the
 * first), whether the served one is live, and whether the runner is stopping or failed.
 */
export function projectionStatus(
  definition: ProjectionDefinition,
  part: Part | undefined,
  live: boolean,
  stopping: boolean,
  failure: Error | undefined,
): ProjectionStatus {
  const state = failure
    ? 'failed'
    : stopping
      ? 'stopped'
      : part === undefined
        ? 'starting'
        : live
          ? 'live'
          : 'catching-up';
  return {
    projection: definition.name,
    version: definition.version,
    buildId: part?.build?.buildId ?? null,
    buildStatus: part?.build === undefined ? 'memory-only' : part.build.status === 'active' ? 'active' : 'building',
    role: part?.writer ? 'writer' : 'follower',
    state,
    position: part === undefined || part.position === 'start' ? null : encodePosition(part.position),
    persistedPosition: part === undefined || part.persisted === 'start' ? null : encodePosition(part.persisted),
    eventsApplied: part?.eventsApplied ?? 0,
    ...(part?.behind !== undefined && !part.behind.complete ? { loading: { documentsLoaded: part.behind.loaded } } : {}),
    ...(failure ? { error: failure.message } : {}),
  };
}

/** Seconds the state of `part` trails the newest event it has read (0 when live). */
export function secondsBehind(part: Part | undefined, live: boolean, now: number): number {
  if (live) return 0;
  const at = part?.lastRecordedAt;
  return at === undefined ? 0 : Math.max(0, (now - at.getTime()) / 1000);
}
