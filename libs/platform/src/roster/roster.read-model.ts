/**
 * The roster as routing needs it: every rep with role, capacity, availability and current load (open
 * leads for a lead generator, open deals for a hunter or closer, accounts for a farmer or KAM), folded from
 * the events of the roster, leads, deals and accounts. Pure: apply() takes stored events in global order.
 */
import { eventDispatch, type EventHandlers } from '#libs/event-sourcing';
import type { StoredEvent } from '#libs/event-store';
import type { RepRole } from '#libs/contracts';

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
}

export type SkipReason = 'absent' | 'over-capacity' | 'left';

export interface RoutingChoice {
  readonly repId: string;
  readonly candidates: Array<{ repId: string; load: number }>;
  readonly skipped: Array<{ repId: string; reason: SkipReason }>;
}


type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class RosterReadModel {
  private readonly reps = new Map<string, Mutable<RosterEntry>>();
  /** Who works each open lead and deal, to take the load off them when it closes. */
  private readonly leadOwners = new Map<string, string>();
  private readonly dealOwners = new Map<string, string>();
  private readonly accountOwners = new Map<string, string>();
  private readonly taskOwners = new Map<string, string>();
  private lastRoundRobin: string | undefined;

  /** Folds one event of ROSTER_EVENT_TYPES (others are ignored), in global order. */
  apply(event: StoredEvent): void {
    ROSTER_HANDLERS.dispatch(this, event);
  }

  /** What each event the roster follows does to it. */
  static readonly handlers: EventHandlers<RosterReadModel> = {
    RepJoined: (roster, { data }) => {
      roster.reps.set(data.repId, {
        repId: data.repId, name: data.name, role: data.role, capacity: data.capacity, available: true, absentUntil: null, absenceReason: null,
        left: false, load: 0,
      });
    },
    RepRoleChanged: (roster, { data }) => roster.update(data.repId, (rep) => (rep.role = data.to)),
    RepAvailabilityChanged: (roster, { data }) =>
      roster.update(data.repId, (rep) => {
        rep.available = data.available;
        rep.absentUntil = data.absentUntil ?? null;
        rep.absenceReason = data.reason ?? null;
      }),
    RepLeft: (roster, { data }) => roster.update(data.repId, (rep) => (rep.left = true)),
    LeadAssigned: (roster, { data }) => {
      roster.moveLoad(roster.leadOwners, data.leadId, data.leadGeneratorId);
      if (data.rule === 'round-robin') roster.lastRoundRobin = data.leadGeneratorId;
    },
    LeadHandedOff: (roster, { data }) => roster.moveLoad(roster.leadOwners, data.leadId, undefined),
    LeadDisqualified: (roster, { data }) => roster.moveLoad(roster.leadOwners, data.leadId, undefined),
    DealOpened: (roster, { data }) => roster.moveLoad(roster.dealOwners, data.dealId, data.hunterId),
    DealHandedOffToCloser: (roster, { data }) => roster.moveLoad(roster.dealOwners, data.dealId, data.closerId),
    DealWon: (roster, { data }) => roster.moveLoad(roster.dealOwners, data.dealId, undefined),
    DealLost: (roster, { data }) => roster.moveLoad(roster.dealOwners, data.dealId, undefined),
    AccountOpened: (roster, { data }) => roster.moveLoad(roster.accountOwners, data.accountId, data.farmerId),
    FarmerAssigned: (roster, { data }) => roster.moveLoad(roster.accountOwners, data.accountId, data.farmerId),
    AccountDemotedFromKey: (roster, { data }) => roster.moveLoad(roster.accountOwners, data.accountId, data.farmerId),
    AccountPromotedToKey: (roster, { data }) => roster.moveLoad(roster.accountOwners, data.accountId, data.kamId),
    AccountChurned: (roster, { data }) => roster.moveLoad(roster.accountOwners, data.accountId, undefined),
    AssistantTaskRequested: (roster, { data }) => roster.moveLoad(roster.taskOwners, data.taskId, data.assigneeId),
    AssistantTaskCompleted: (roster, { data }) => roster.moveLoad(roster.taskOwners, data.taskId, undefined),
    AssistantTaskCancelled: (roster, { data }) => roster.moveLoad(roster.taskOwners, data.taskId, undefined),
    // Not roster changes, but what routing reacts to: following them lets a router wait until the roster has
    // read everything up to the event it is routing.
    LeadCaptured: () => undefined,
    RepeatSaleWon: () => undefined,
  };

  list(): RosterEntry[] {
    return [...this.reps.values()].map((rep) => ({ ...rep })).sort((a, b) => a.repId.localeCompare(b.repId));
  }

  get(repId: string): RosterEntry | undefined {
    const rep = this.reps.get(repId);
    return rep ? { ...rep } : undefined;
  }

  /** Who round-robin chose last, as the stored events tell. */
  get lastRoundRobinChoice(): string | undefined {
    return this.lastRoundRobin;
  }

  /**
   * The next rep of a role after `after` (by default the last one round-robin chose), skipping the absent
   * and the full.
   */
  roundRobin(role: RepRole, after: string | undefined = this.lastRoundRobin): RoutingChoice | undefined {
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
    for (const rep of this.list().filter((each) => each.role === role)) {
      if (rep.left) skipped.push({ repId: rep.repId, reason: 'left' });
      else if (!rep.available) skipped.push({ repId: rep.repId, reason: 'absent' });
      else if (rep.load >= rep.capacity) skipped.push({ repId: rep.repId, reason: 'over-capacity' });
      else candidates.push({ repId: rep.repId, load: rep.load });
    }
    return { candidates, skipped };
  }

  private moveLoad(owners: Map<string, string>, itemId: string, to: string | undefined): void {
    const from = owners.get(itemId);
    if (from !== undefined) this.update(from, (rep) => (rep.load = Math.max(0, rep.load - 1)));
    if (to === undefined) {
      owners.delete(itemId);
      return;
    }
    owners.set(itemId, to);
    this.update(to, (rep) => (rep.load += 1));
  }

  private update(repId: string, change: (rep: Mutable<RosterEntry>) => void): void {
    const rep = this.reps.get(repId);
    if (rep) change(rep);
  }
}

const ROSTER_HANDLERS = eventDispatch(RosterReadModel.handlers);

/** The event types the roster follows: those it has a handler for. */
export const ROSTER_EVENT_TYPES = ROSTER_HANDLERS.eventTypes;
