/**
 * The simulated head of sales' monthly plans: on the first day of every month, a team target for new-business
 * and for repeat revenue, and one per rep in a planned role, each near what the team can do, so that plan
 * against actual, pace and pipeline coverage mean something on the dashboard.
 *
 * The planner follows the simulation's own events (as a projection would) and counts what was achieved the
 * way the KPIs count it (libs/projections, compute-kpis.ts planActual): new-business revenue by the deal's
 * credit split, repeat revenue by the rep who owned the sale, qualified leads by the lead's lead generator,
 * meetings by the deal's closer, else its hunter. A target is a daily rate learnt from the last 90 days —
 * the rep's own, drawn towards their role's average, and the role's and team's drawn towards the funnel's
 * expected rates (the "sensible estimate" that is all there is in the first month) — times the days of the
 * plan's period, times a seeded stretch factor. Repeat revenue is planned per account instead: what an
 * account past its first sales cycle brings a day, times the accounts each farmer or KAM holds now.
 *
 * A new department's funnel takes weeks to fill (no deal is won in its first fortnight), and a new account
 * buys again only after its first month: both are ramps, by which past days are weighed and future days
 * counted, so that the first months are planned for what they can bring. A plan expected to come to less
 * than a minimum (MINIMUM: a book too young to buy again, a new team's first fortnight) is not set.
 */
import { DAY_MS, type Money } from '#libs/contracts';
import type { RepRole } from '#libs/contracts';
import type { SeededRandom } from './seeded-random';
import type { RosterEntry } from '#libs/platform';

type PlannedMetric = 'new-business-revenue' | 'repeat-revenue' | 'leads-qualified' | 'meetings-held';

/** What the department does per day with a full funnel: the head of sales' estimate before any history. */
export interface FunnelEstimate {
  /** New-business revenue of the whole team per day, in RUB. */
  readonly newBusinessPerDay: number;
  readonly leadsQualifiedPerDay: number;
  readonly meetingsHeldPerDay: number;
  /** Repeat revenue an account past its first sales cycle brings per day, in RUB. */
  readonly repeatPerAccountDay: number;
  /** The closers' share of new-business credit (the hunters have the rest). */
  readonly closerShare: number;
}

interface PlanDraft {
  readonly planId: string;
  readonly scope: { readonly kind: 'team' } | { readonly kind: 'rep'; readonly repId: string };
  readonly metric: PlannedMetric;
  readonly target: number;
  readonly currency?: 'RUB';
}

/** A weight from 0 to 1 rising linearly between two days (of the department's life, or of an account's). */
export class Ramp {
  constructor(
    readonly from: number,
    readonly full: number,
  ) {}

  /** The weights of the whole days [lo, hi) added up (day d weighs (d - from) / (full - from), within 0..1). */
  sum(lo: number, hi: number): number {
    return hi <= lo ? 0 : this.cumulative(hi) - this.cumulative(lo);
  }

  private cumulative(x: number): number {
    if (x <= this.from) return 0;
    const span = this.full - this.from;
    if (x <= this.full) return ((x - this.from) * (x - this.from - 1)) / (2 * span);
    return (span - 1) / 2 + (x - this.full);
  }
}

/** How the funnel fills in a new department, in days from its first: measured on simulated histories. */
const FUNNEL_RAMPS: Record<Exclude<PlannedMetric, 'repeat-revenue'>, Ramp> = {
  'leads-qualified': new Ramp(1, 7),
  'meetings-held': new Ramp(4, 10),
  'new-business-revenue': new Ramp(15, 36),
};
/**
 * An account's first repeat sale may open at its first monthly touch (day 30) and closes 10–40 days later:
 * from day 40 on, its sales come in at the rate of a seasoned account's.
 */
const ACCOUNT_RAMP = new Ramp(38, 42);

/** The past the head of sales looks back on, in days. */
const LOOKBACK_DAYS = 90;
/** How many days of the funnel estimate a rate starts from (the history outweighs it within weeks). */
const PRIOR_DAYS = 14;
/** How many days of their role's average a rep's own rate starts from. */
const ROLE_DAYS = 45;
/** How many account-days of the estimate the team's repeat rate starts from. */
const PRIOR_ACCOUNT_DAYS = 1_500;
/** How many account-days of the team's repeat rate a farmer's or KAM's own starts from. */
const TEAM_ACCOUNT_DAYS = 3_000;
/** Stretch: each target is the expectation times a factor drawn from this range. */
const STRETCH = [0.92, 1.12] as const;
/** Below this expectation a plan would be noise, and is not set (a young book, a closer's first weeks). */
const MINIMUM: Record<PlannedMetric, number> = {
  'new-business-revenue': 1_000_000,
  'repeat-revenue': 1_000_000,
  'leads-qualified': 5,
  'meetings-held': 5,
};

/**
 * Which roles are planned on what (a rep's plan id is `rep-<repId>-<month>`, a hunter's meetings plan
 * `rep-<repId>-meetings-<month>`), and the share of the team's result the role brings, before any history.
 */
const PLANNED_ROLES: ReadonlyArray<{ readonly role: RepRole; readonly metric: PlannedMetric; readonly share: (estimate: FunnelEstimate) => number; readonly idPart?: string }> = [
  { role: 'hunter', metric: 'new-business-revenue', share: (estimate) => 1 - estimate.closerShare },
  { role: 'hunter', metric: 'meetings-held', share: () => 1, idPart: 'meetings-' },
  { role: 'closer', metric: 'new-business-revenue', share: (estimate) => estimate.closerShare },
  { role: 'lead-generator', metric: 'leads-qualified', share: () => 1 },
  { role: 'farmer', metric: 'repeat-revenue', share: () => 1 },
  { role: 'kam', metric: 'repeat-revenue', share: () => 1 },
];

interface Account {
  readonly opened: number;
  /** Who owned it from which day on, in order (an account without an owner sells nothing). */
  readonly owners: Array<{ readonly from: number; readonly ownerId: string }>;
  churned: number | undefined;
}

type Data = Record<string, unknown>;

const TEAM = '';

export class MonthlyPlanner {
  /** metric → rep id (TEAM for the whole team) → what was achieved on each day. */
  private readonly achieved = new Map<PlannedMetric, Map<string, number[]>>();
  private readonly leadGenerators = new Map<string, string>();
  private readonly dealOwners = new Map<string, { hunterId: string; closerId?: string }>();
  private readonly accounts = new Map<string, Account>();

  constructor(private readonly estimate: FunnelEstimate) {}

  /** Follows one event of the simulation, which happened on day `day` of it. */
  observe(type: string, data: Data, day: number): void {
    switch (type) {
      case 'LeadAssigned':
        this.leadGenerators.set(data.leadId as string, data.leadGeneratorId as string);
        return;
      case 'LeadQualified':
        this.add('leads-qualified', day, 1, this.leadGenerators.get(data.leadId as string));
        this.leadGenerators.delete(data.leadId as string);
        return;
      case 'LeadDisqualified':
        this.leadGenerators.delete(data.leadId as string);
        return;
      case 'DealOpened':
        this.dealOwners.set(data.dealId as string, { hunterId: data.hunterId as string });
        return;
      case 'DealHandedOffToCloser': {
        const deal = this.dealOwners.get(data.dealId as string);
        if (deal) deal.closerId = data.closerId as string;
        return;
      }
      case 'MeetingHeld': {
        const deal = this.dealOwners.get(data.dealId as string);
        this.add('meetings-held', day, 1, deal?.closerId ?? deal?.hunterId);
        return;
      }
      case 'DealWon': {
        const amount = data.amount as Money;
        const credit = data.credit as ReadonlyArray<{ repId: string; percent: number }>;
        if (amount.currency === 'RUB') {
          this.add('new-business-revenue', day, amount.amount, undefined);
          for (const share of credit) this.add('new-business-revenue', day, 0, share.repId, (amount.amount * share.percent) / 100);
        }
        this.dealOwners.delete(data.dealId as string);
        return;
      }
      case 'DealLost':
        this.dealOwners.delete(data.dealId as string);
        return;
      case 'AccountOpened': {
        const farmerId = data.farmerId as string | undefined;
        this.accounts.set(data.accountId as string, { opened: day, owners: farmerId === undefined ? [] : [{ from: day, ownerId: farmerId }], churned: undefined });
        return;
      }
      case 'FarmerAssigned':
      case 'AccountDemotedFromKey':
        this.accounts.get(data.accountId as string)?.owners.push({ from: day, ownerId: data.farmerId as string });
        return;
      case 'AccountPromotedToKey':
        this.accounts.get(data.accountId as string)?.owners.push({ from: day, ownerId: data.kamId as string });
        return;
      case 'AccountChurned': {
        const account = this.accounts.get(data.accountId as string);
        if (account) account.churned = day;
        return;
      }
      case 'RepeatSaleWon': {
        const amount = data.amount as Money;
        const owner = (data.ownerId as string | undefined) ?? this.accounts.get(data.accountId as string)?.owners.at(-1)?.ownerId;
        if (amount.currency === 'RUB') this.add('repeat-revenue', day, amount.amount, owner);
        return;
      }
      default:
        return;
    }
  }

  /**
   * The plans for a period of whole days [periodStart, periodEnd) of the simulation, set on day `today`
   * (its first) from the days before it, for the reps of the roster now.
   */
  plans(input: { readonly month: string; readonly today: number; readonly periodStart: number; readonly periodEnd: number; readonly startMs: number; readonly reps: readonly RosterEntry[]; readonly random: SeededRandom }): PlanDraft[] {
    const { month, today, periodStart, periodEnd, random } = input;
    const active = input.reps.filter((rep) => !rep.left);
    const lookback = Math.max(0, today - LOOKBACK_DAYS);
    const drafts: PlanDraft[] = [];
    const stretch = () => STRETCH[0] + random.next() * (STRETCH[1] - STRETCH[0]);
    const draft = (planId: string, scope: PlanDraft['scope'], metric: PlannedMetric, expected: number) => {
      const factor = stretch();
      if (!(expected >= MINIMUM[metric])) return;
      const revenue = metric === 'new-business-revenue' || metric === 'repeat-revenue';
      const target = revenue ? Math.round((expected * factor) / 100_000) * 100_000 : Math.round(expected * factor);
      drafts.push({ planId, scope, metric, target, ...(revenue ? { currency: 'RUB' as const } : {}) });
    };

    // The team: new business from the funnel's rate, repeat revenue from the account base.
    const newBusiness = FUNNEL_RAMPS['new-business-revenue'];
    const teamNewBusinessRate = this.rate(this.total('new-business-revenue', TEAM, lookback, today), newBusiness.sum(lookback, today), this.estimate.newBusinessPerDay, PRIOR_DAYS);
    draft(`new-business-${month}`, { kind: 'team' }, 'new-business-revenue', teamNewBusinessRate * newBusiness.sum(periodStart, periodEnd));
    const pastBooks = this.accountDays(lookback, today);
    const perAccountDay = this.rate(this.total('repeat-revenue', TEAM, lookback, today), pastBooks.get(TEAM) ?? 0, this.estimate.repeatPerAccountDay, PRIOR_ACCOUNT_DAYS);
    const books = this.books(today, periodStart, periodEnd);
    draft(`repeat-${month}`, { kind: 'team' }, 'repeat-revenue', perAccountDay * (books.get(TEAM) ?? 0));

    // Each rep of a planned role.
    for (const planned of PLANNED_ROLES) {
      const reps = active.filter((rep) => rep.role === planned.role);
      for (const rep of reps) {
        const planId = `rep-${rep.repId}-${planned.idPart ?? ''}${month}`;
        if (planned.metric === 'repeat-revenue') {
          const ownRate = this.rate(this.total(planned.metric, rep.repId, lookback, today), pastBooks.get(rep.repId) ?? 0, perAccountDay, TEAM_ACCOUNT_DAYS);
          draft(planId, { kind: 'rep', repId: rep.repId }, planned.metric, ownRate * (books.get(rep.repId) ?? 0));
          continue;
        }
        const ramp = FUNNEL_RAMPS[planned.metric];
        const weighed = ramp.sum(lookback, today);
        const roleTotal = reps.reduce((sum, each) => sum + this.total(planned.metric, each.repId, lookback, today), 0);
        const roleRate = this.rate(roleTotal / reps.length, weighed, (this.teamEstimate(planned.metric) * planned.share(this.estimate)) / reps.length, PRIOR_DAYS);
        const ownRate = this.rate(this.total(planned.metric, rep.repId, lookback, today), weighed, roleRate, ROLE_DAYS);
        // An absence the head of sales already knows of shortens the work a lead generator or a meeting needs.
        const present = planned.metric === 'new-business-revenue' ? 1 : presence(rep, input.startMs, periodStart, periodEnd);
        draft(planId, { kind: 'rep', repId: rep.repId }, planned.metric, ownRate * ramp.sum(periodStart, periodEnd) * present);
      }
    }
    return drafts;
  }

  private teamEstimate(metric: Exclude<PlannedMetric, 'repeat-revenue'>): number {
    return metric === 'new-business-revenue'
      ? this.estimate.newBusinessPerDay
      : metric === 'leads-qualified'
        ? this.estimate.leadsQualifiedPerDay
        : this.estimate.meetingsHeldPerDay;
  }

  /** A rate per weighed day: what was achieved over the days' weight, starting from `prior` for `priorWeight` of them. */
  private rate(achieved: number, weight: number, prior: number, priorWeight: number): number {
    return (achieved + prior * priorWeight) / (weight + priorWeight);
  }

  private add(metric: PlannedMetric, day: number, teamAmount: number, repId: string | undefined, repAmount = teamAmount): void {
    const byRep = this.achieved.get(metric) ?? new Map<string, number[]>();
    this.achieved.set(metric, byRep);
    const put = (key: string, amount: number) => {
      const days = byRep.get(key) ?? [];
      byRep.set(key, days);
      while (days.length <= day) days.push(0);
      days[day]! += amount;
    };
    if (teamAmount !== 0) put(TEAM, teamAmount);
    if (repId !== undefined && repAmount !== 0) put(repId, repAmount);
  }

  private total(metric: PlannedMetric, key: string, from: number, to: number): number {
    const days = this.achieved.get(metric)?.get(key) ?? [];
    let sum = 0;
    for (let day = from; day < Math.min(to, days.length); day++) sum += days[day]!;
    return sum;
  }

  /** Per owner and for the team (TEAM), the account-days of [from, to), each weighed by the account's age (ACCOUNT_RAMP). */
  private accountDays(from: number, to: number): Map<string, number> {
    const days = new Map<string, number>();
    for (const account of this.accounts.values()) {
      const end = Math.min(to, account.churned ?? to);
      account.owners.forEach(({ from: since, ownerId }, index) => {
        const until = Math.min(end, account.owners[index + 1]?.from ?? end);
        const weighed = ACCOUNT_RAMP.sum(Math.max(from, since) - account.opened, until - account.opened);
        if (weighed <= 0) return;
        days.set(ownerId, (days.get(ownerId) ?? 0) + weighed);
        days.set(TEAM, (days.get(TEAM) ?? 0) + weighed);
      });
    }
    return days;
  }

  /** Per owner and for the team (TEAM), the weighed account-days the books as they are on `today` will hold in the period. */
  private books(today: number, periodStart: number, periodEnd: number): Map<string, number> {
    const books = new Map<string, number>();
    for (const account of this.accounts.values()) {
      const owner = account.owners.at(-1)?.ownerId;
      if (owner === undefined || (account.churned !== undefined && account.churned <= today)) continue;
      const weighed = ACCOUNT_RAMP.sum(periodStart - account.opened, periodEnd - account.opened);
      books.set(owner, (books.get(owner) ?? 0) + weighed);
      books.set(TEAM, (books.get(TEAM) ?? 0) + weighed);
    }
    return books;
  }
}

/** The share of the period's days a rep is not known to be away on (as the roster says on the day plans are set). */
function presence(rep: RosterEntry, startMs: number, periodStart: number, periodEnd: number): number {
  if (rep.available || rep.absentUntil === null) return 1;
  const back = Math.ceil((Date.parse(rep.absentUntil) - startMs) / DAY_MS);
  const away = Math.min(periodEnd, Math.max(periodStart, back)) - periodStart;
  return 1 - away / (periodEnd - periodStart);
}
