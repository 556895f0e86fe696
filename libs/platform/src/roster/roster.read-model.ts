/**
 * The roster as routing needs it: every rep with role, capacity, availability and current load (open
 * leads for a lead generator, open deals for a hunter or closer, accounts for a farmer or KAM), folded from
 * the events of the roster, leads, deals and accounts. Pure: apply() takes stored events in global order.
 */
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

export const ROSTER_EVENT_TYPES = [
  'RepJoined',
  'RepRoleChanged',
  'RepAvailabilityChanged',
  'RepLeft',
  'LeadAssigned',
  'LeadHandedOff',
  'LeadDisqualified',
  'DealOpened',
  'DealHandedOffToCloser',
  'DealWon',
  'DealLost',
  'AccountOpened',
  'FarmerAssigned',
  'AccountPromotedToKey',
  'AccountDemotedFromKey',
  'AccountChurned',
  'AssistantTaskRequested',
  'AssistantTaskCompleted',
  'AssistantTaskCancelled',
  // Not roster changes, but what routing reacts to: following them lets a router wait until the roster has
  // read everything up to the event it is routing.
  'LeadCaptured',
  'RepeatSaleWon',
] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class RosterReadModel {
  private readonly reps = new Map<string, Mutable<RosterEntry>>();
  /** Who works each open lead and deal, to take the load off them when it closes. */
  private readonly leadOwners = new Map<string, string>();
  private readonly dealOwners = new Map<string, string>();
  private readonly accountOwners = new Map<string, string>();
  private readonly taskOwners = new Map<string, string>();
  private lastRoundRobin: string | undefined;

  apply(event: StoredEvent): void {
    const data = event.data as Record<string, unknown> & { repId: string };
    switch (event.type) {
      case 'RepJoined':
        this.reps.set(data.repId, {
          repId: data.repId,
          name: data.name as string,
          role: data.role as RepRole,
          capacity: data.capacity as number,
          available: true,
          absentUntil: null,
          absenceReason: null,
          left: false,
          load: 0,
        });
        return;
      case 'RepRoleChanged':
        this.update(data.repId, (rep) => (rep.role = data.to as RepRole));
        return;
      case 'RepAvailabilityChanged':
        this.update(data.repId, (rep) => {
          rep.available = data.available as boolean;
          rep.absentUntil = (data.absentUntil as string | undefined) ?? null;
          rep.absenceReason = (data.reason as string | undefined) ?? null;
        });
        return;
      case 'RepLeft':
        this.update(data.repId, (rep) => (rep.left = true));
        return;
      case 'LeadAssigned': {
        const leadId = data.leadId as string;
        this.moveLoad(this.leadOwners, leadId, data.leadGeneratorId as string);
        if (data.rule === 'round-robin') this.lastRoundRobin = data.leadGeneratorId as string;
        return;
      }
      case 'LeadHandedOff':
      case 'LeadDisqualified':
        this.moveLoad(this.leadOwners, data.leadId as string, undefined);
        return;
      case 'DealOpened':
        this.moveLoad(this.dealOwners, data.dealId as string, data.hunterId as string);
        return;
      case 'DealHandedOffToCloser':
        this.moveLoad(this.dealOwners, data.dealId as string, data.closerId as string);
        return;
      case 'DealWon':
      case 'DealLost':
        this.moveLoad(this.dealOwners, data.dealId as string, undefined);
        return;
      case 'AccountOpened':
      case 'FarmerAssigned':
      case 'AccountDemotedFromKey':
        this.moveLoad(this.accountOwners, data.accountId as string, data.farmerId as string | undefined);
        return;
      case 'AccountPromotedToKey':
        this.moveLoad(this.accountOwners, data.accountId as string, data.kamId as string);
        return;
      case 'AccountChurned':
        this.moveLoad(this.accountOwners, data.accountId as string, undefined);
        return;
      case 'AssistantTaskRequested':
        this.moveLoad(this.taskOwners, data.taskId as string, data.assigneeId as string | undefined);
        return;
      case 'AssistantTaskCompleted':
      case 'AssistantTaskCancelled':
        this.moveLoad(this.taskOwners, data.taskId as string, undefined);
        return;
      default:
        return;
    }
  }

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
