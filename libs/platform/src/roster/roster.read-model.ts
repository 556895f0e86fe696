/**
 * The roster as routing needs it: every rep with role, capacity, availability and current load (open
 * leads for a lead generator, open deals for a hunter or closer, accounts for a farmer or KAM, open tasks for
 * an assistant), folded from the events of the roster, leads, deals and accounts.
 *
 * It is a projection (ROSTER_PROJECTION): the apps run it on the projection runner, persisted with its checkpoint
 * beside the other read models, so that a boot reads only what came since (RosterHost); RosterView answers
 * routing's questions over its documents; RosterReadModel folds it in memory (the simulator, tests).
 */
import type { StoredEvent } from '#libs/event-store';
import type { RepRole } from '#libs/contracts';
import { DocumentState, defineProjection, fieldsOf, updateDocument, type DocumentReader, type DocumentWriter } from '#libs/projections';

export interface RosterEntry {
  readonly repId: string;
  readonly name: string;
  readonly role: RepRole;
  readonly capacity: number;
  readonly available: boolean;
  readonly absentUntil: string | null;
  readonly absenceReason: string | null;
  readonly left: boolean;
  readonly load: number;
  /** The revision of the rep's own stream (`rep-<repId>`): the head of sales' next command on the rep sends it as If-Match. */
  readonly revision: number;
}

export type SkipReason = 'absent' | 'over-capacity' | 'left';

export interface RoutingChoice {
  readonly repId: string;
  readonly candidates: Array<{ repId: string; load: number }>;
  readonly skipped: Array<{ repId: string; reason: SkipReason }>;
}

/** Who works an open lead, deal, account or assistant task (collection `owners`, keyed `<kind>:<id>`). */
interface Owner {
  readonly repId: string;
}

/** What round-robin chose last (collection `routing`, key `round-robin`). */
interface LastChoice {
  readonly repId: string;
}

type OwnedKind = 'lead' | 'deal' | 'account' | 'task';

/** Moves an item's load from the rep who had it (if any) to `to` (none: the item is closed). */
function moveLoad(documents: DocumentWriter, kind: OwnedKind, itemId: string, to: string | undefined): void {
  const key = `${kind}:${itemId}`;
  const from = documents.get<Owner>('owners', key)?.repId;
  if (from !== undefined) updateRep(documents, from, (rep) => ({ ...rep, load: Math.max(0, rep.load - 1) }));
  if (to === undefined) {
    if (from !== undefined) documents.delete('owners', key);
    return;
  }
  documents.put('owners', key, { repId: to } satisfies Owner);
  updateRep(documents, to, (rep) => ({ ...rep, load: rep.load + 1 }));
}

function updateRep(documents: DocumentWriter, repId: string, change: (rep: RosterEntry) => RosterEntry): void {
  updateDocument<RosterEntry>(documents, 'reps', repId, change);
}

/**
 * The roster's fold: pure, over its documents (never changed in place). Version 1 keeps exactly the rules the
 * in-memory roster had; raise the version when they change (the roster is then rebuilt beside the old one).
 */
export const ROSTER_PROJECTION = defineProjection({
  name: 'roster',
  // 2: each rep carries its stream's revision.
  version: 2,
  description:
    'Every rep with role, capacity, availability and load (open leads, deals, accounts, tasks), who owns each open item, and whom round-robin chose last: what routing reads',
  collections: ['reps', 'owners', 'routing'],
  documentFields: {
    reps: fieldsOf<RosterEntry>()('repId', 'name', 'role', 'capacity', 'available', 'absentUntil', 'absenceReason', 'left', 'load', 'revision'),
    owners: fieldsOf<Owner>()('repId'),
    routing: fieldsOf<LastChoice>()('repId'),
  },
  on: {
    RepJoined: (documents, { data, streamRevision: revision }) =>
      documents.put('reps', data.repId, {
        repId: data.repId,
        name: data.name,
        role: data.role,
        capacity: data.capacity,
        available: true,
        absentUntil: null,
        absenceReason: null,
        left: false,
        load: 0,
        revision,
      } satisfies RosterEntry),
    RepRoleChanged: (documents, { data, streamRevision: revision }) => updateRep(documents, data.repId, (rep) => ({ ...rep, role: data.to, revision })),
    RepAvailabilityChanged: (documents, { data, streamRevision: revision }) =>
      updateRep(documents, data.repId, (rep) => ({
        ...rep,
        available: data.available,
        absentUntil: data.absentUntil ?? null,
        absenceReason: data.reason ?? null,
        revision,
      })),
    RepLeft: (documents, { data, streamRevision: revision }) => updateRep(documents, data.repId, (rep) => ({ ...rep, left: true, revision })),
    LeadAssigned: (documents, { data }) => {
      moveLoad(documents, 'lead', data.leadId, data.leadGeneratorId);
      if (data.rule === 'round-robin') documents.put('routing', 'round-robin', { repId: data.leadGeneratorId } satisfies LastChoice);
    },
    LeadHandedOff: (documents, { data }) => moveLoad(documents, 'lead', data.leadId, undefined),
    LeadDisqualified: (documents, { data }) => moveLoad(documents, 'lead', data.leadId, undefined),
    DealOpened: (documents, { data }) => moveLoad(documents, 'deal', data.dealId, data.hunterId),
    DealHandedOffToCloser: (documents, { data }) => moveLoad(documents, 'deal', data.dealId, data.closerId),
    DealOwnerReassigned: (documents, { data }) => moveLoad(documents, 'deal', data.dealId, data.ownerId),
    DealWon: (documents, { data }) => moveLoad(documents, 'deal', data.dealId, undefined),
    DealLost: (documents, { data }) => moveLoad(documents, 'deal', data.dealId, undefined),
    AccountOpened: (documents, { data }) => moveLoad(documents, 'account', data.accountId, data.farmerId),
    FarmerAssigned: (documents, { data }) => moveLoad(documents, 'account', data.accountId, data.farmerId),
    AccountDemotedFromKey: (documents, { data }) => moveLoad(documents, 'account', data.accountId, data.farmerId),
    AccountPromotedToKey: (documents, { data }) => moveLoad(documents, 'account', data.accountId, data.kamId),
    AccountChurned: (documents, { data }) => moveLoad(documents, 'account', data.accountId, undefined),
    AssistantTaskRequested: (documents, { data }) => moveLoad(documents, 'task', data.taskId, data.assigneeId),
    AssistantTaskCompleted: (documents, { data }) => moveLoad(documents, 'task', data.taskId, undefined),
    AssistantTaskCancelled: (documents, { data }) => moveLoad(documents, 'task', data.taskId, undefined),
    // Not roster changes, but what routing reacts to: following them lets a router wait until the roster has
    // read everything up to the event it is routing.
    LeadCaptured: () => undefined,
    RepeatSaleWon: () => undefined,
  },
});

/** The event types the roster follows: those it has a handler for. */
export const ROSTER_EVENT_TYPES = ROSTER_PROJECTION.eventTypes;

/** Routing's questions, answered from the roster's documents. */
export class RosterView {
  constructor(private readonly documents: DocumentReader) {}

  list(): RosterEntry[] {
    return this.sortedReps().map((rep) => ({ ...rep }));
  }

  /** The reps' documents themselves, by id: read, never changed (list() hands out copies). */
  protected sortedReps(): readonly RosterEntry[] {
    return [...this.documents.values<RosterEntry>('reps')].sort((a, b) => a.repId.localeCompare(b.repId));
  }

  get(repId: string): RosterEntry | undefined {
    const rep = this.documents.get<RosterEntry>('reps', repId);
    return rep ? { ...rep } : undefined;
  }

  /** Who round-robin chose last, as the stored events tell. */
  get lastRoundRobinChoice(): string | undefined {
    return this.documents.get<LastChoice>('routing', 'round-robin')?.repId;
  }

  /**
   * The next rep of a role after `after` (by default the last one round-robin chose), skipping the absent
   * and the full.
   */
  roundRobin(role: RepRole, after: string | undefined = this.lastRoundRobinChoice): RoutingChoice | undefined {
    const { candidates, skipped } = this.candidates(role);
    if (candidates.length === 0) return undefined;
    const next = candidates.find((candidate) => after !== undefined && candidate.repId > after) ?? candidates[0]!;
    return { repId: next.repId, candidates, skipped };
  }

  /** The available rep of a role with the least open work (ties: by id). */
  leastLoaded(role: RepRole): RoutingChoice | undefined {
    const { candidates, skipped } = this.candidates(role);
    if (candidates.length === 0) return undefined;
    const chosen = [...candidates].sort((a, b) => a.load - b.load || a.repId.localeCompare(b.repId))[0]!;
    return { repId: chosen.repId, candidates, skipped };
  }

  private candidates(role: RepRole): Pick<RoutingChoice, 'candidates' | 'skipped'> {
    const candidates: RoutingChoice['candidates'] = [];
    const skipped: RoutingChoice['skipped'] = [];
    for (const rep of this.sortedReps()) {
      if (rep.role !== role) continue;
      if (rep.left) skipped.push({ repId: rep.repId, reason: 'left' });
      else if (!rep.available) skipped.push({ repId: rep.repId, reason: 'absent' });
      else if (rep.load >= rep.capacity) skipped.push({ repId: rep.repId, reason: 'over-capacity' });
      else candidates.push({ repId: rep.repId, load: rep.load });
    }
    return { candidates, skipped };
  }
}

/**
 * The roster folded in memory, one event at a time in global order (the simulator; tests). Its reps in order are
 * kept between events: the simulator routes every lead waiting for a free lead generator again each day (some
 * ten thousand after a few simulated years), and sorting copies of the roster for each made a ten-year history
 * take minutes.
 */
export class RosterReadModel extends RosterView {
  private sorted: readonly RosterEntry[] | undefined;

  constructor(private readonly state: DocumentState = DocumentState.of(ROSTER_PROJECTION, false)) {
    super(state);
  }

  /** Folds one event of ROSTER_EVENT_TYPES (others are ignored), in global order. */
  apply(event: StoredEvent): void {
    ROSTER_PROJECTION.apply(this.state, event);
    this.sorted = undefined;
  }

  protected override sortedReps(): readonly RosterEntry[] {
    return (this.sorted ??= super.sortedReps());
  }
}
