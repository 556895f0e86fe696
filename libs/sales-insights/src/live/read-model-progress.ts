/** What GET /live reports of each read model: how far it has read and how much it has applied. */
import type { ProjectionDefinition, ProjectionStatus } from '#libs/projections';

interface ProjectionProgress {
  readonly state: ProjectionStatus['state'];
  readonly position: string | null;
  readonly eventsApplied: number;
}

export interface ReadModelProgress {
  /** Changes whenever any projection applied an event or changed state (a page's refetch key). */
  readonly id: string;
  readonly projections: Readonly<Record<string, ProjectionProgress>>;
}

export function progressSnapshot(
  projections: readonly ProjectionDefinition[],
  statusOf: (projection: ProjectionDefinition) => ProjectionStatus | undefined,
): ReadModelProgress {
  const entries: Record<string, ProjectionProgress> = {};
  const parts: string[] = [];
  for (const projection of projections) {
    const status = statusOf(projection);
    const progress: ProjectionProgress = {
      state: status?.state ?? 'starting',
      position: status?.position ?? null,
      eventsApplied: status?.eventsApplied ?? 0,
    };
    entries[projection.name] = progress;
    parts.push(`${progress.state}:${progress.eventsApplied}`);
  }
  return { id: parts.join(','), projections: entries };
}

/**
 * Events of other types move a projection's position without changing what it serves: only what was
 * applied (or a change of state) is news to a page.
 */
export function sameProgress(a: ReadModelProgress, b: ReadModelProgress): boolean {
  return a.id === b.id;
}
