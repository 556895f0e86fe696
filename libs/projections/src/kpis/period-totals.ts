/**
 * What the facts add up to over a stretch of time, for the whole team and per group: counts, money by
 * currency, and the raw values medians are taken of. Totals of adjacent stretches merge into the totals
 * of both, which is what lets whole months and days be computed once and kept (see piecewise.ts).
 */
import { addMoney, type MoneyByCurrency } from './statistics';

export const FUNNEL_STAGES = ['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export class Accumulator {
  /** Period activity: what reached each stage within the stretch. */
  readonly funnel: Record<FunnelStage, number> = {
    captured: 0, contacted: 0, qualified: 0, handedOff: 0, dealOpened: 0, meetingHeld: 0, proposalSent: 0, won: 0,
  };
  /** The cohort: of the leads captured in the stretch, how many have reached each stage (or a later one) by now. */
  readonly cohort: Record<FunnelStage, number> = {
    captured: 0, contacted: 0, qualified: 0, handedOff: 0, dealOpened: 0, meetingHeld: 0, proposalSent: 0, won: 0,
  };
  readonly speedToLead: number[] = [];
  readonly latency = { leadGeneratorToHunter: [] as number[], hunterToCloser: [] as number[], wonToAccountOpened: [] as number[], wonToFirstFarmerTouch: [] as number[] };
  won = 0;
  lost = 0;
  readonly withCloser = { won: 0, lost: 0 };
  readonly withoutCloser = { won: 0, lost: 0 };
  readonly wonAmount: MoneyByCurrency = {};
  readonly wonCount: Record<string, number> = {};
  readonly newBusinessRevenue: MoneyByCurrency = {};
  readonly repeatRevenue: MoneyByCurrency = {};
  readonly cycleDays: number[] = [];
  openDeals = 0;
  readonly openPipeline: MoneyByCurrency = {};
  readonly activity = { attempts: 0, meetingsHeld: 0, touchpoints: 0 };
  readonly lossReasons: Record<string, number> = {};
  readonly competitors: Record<string, number> = {};
  readonly disqualificationReasons: Record<string, number> = {};

  /** Adds another accumulator's figures to this one (the other is left as it was). */
  add(other: Accumulator): void {
    for (const stage of FUNNEL_STAGES) {
      this.funnel[stage] += other.funnel[stage];
      this.cohort[stage] += other.cohort[stage];
    }
    append(this.speedToLead, other.speedToLead);
    append(this.latency.leadGeneratorToHunter, other.latency.leadGeneratorToHunter);
    append(this.latency.hunterToCloser, other.latency.hunterToCloser);
    append(this.latency.wonToAccountOpened, other.latency.wonToAccountOpened);
    append(this.latency.wonToFirstFarmerTouch, other.latency.wonToFirstFarmerTouch);
    this.won += other.won;
    this.lost += other.lost;
    this.withCloser.won += other.withCloser.won;
    this.withCloser.lost += other.withCloser.lost;
    this.withoutCloser.won += other.withoutCloser.won;
    this.withoutCloser.lost += other.withoutCloser.lost;
    addAllMoney(this.wonAmount, other.wonAmount);
    addCounts(this.wonCount, other.wonCount);
    addAllMoney(this.newBusinessRevenue, other.newBusinessRevenue);
    addAllMoney(this.repeatRevenue, other.repeatRevenue);
    append(this.cycleDays, other.cycleDays);
    this.openDeals += other.openDeals;
    addAllMoney(this.openPipeline, other.openPipeline);
    this.activity.attempts += other.activity.attempts;
    this.activity.meetingsHeld += other.activity.meetingsHeld;
    this.activity.touchpoints += other.activity.touchpoints;
    addCounts(this.lossReasons, other.lossReasons);
    addCounts(this.competitors, other.competitors);
    addCounts(this.disqualificationReasons, other.disqualificationReasons);
  }
}

/** Appends in place; a request merges thousands of these, so no iterator (and one resize per chunk). */
function append(target: number[], values: readonly number[]): void {
  for (let start = 0; start < values.length; start += APPEND_CHUNK) {
    target.push(...(values.length <= APPEND_CHUNK ? values : values.slice(start, start + APPEND_CHUNK)));
  }
}

/** Arguments per push: well under the engine's limit on a call's arguments. */
const APPEND_CHUNK = 8_192;

function addAllMoney(target: MoneyByCurrency, money: MoneyByCurrency): void {
  for (const currency in money) addMoney(target, currency, money[currency]!);
}

function addCounts(target: Record<string, number>, counts: Record<string, number>): void {
  for (const key in counts) target[key] = (target[key] ?? 0) + counts[key]!;
}

/** Group keys a fact counts for, each with its weight (a won deal's credit split); none without grouping. */
export type Keys = ReadonlyArray<readonly [key: string, weight: number]>;
export const NO_KEYS: Keys = [];

export class PeriodTotals {
  readonly team = new Accumulator();
  readonly groups = new Map<string, Accumulator>();

  constructor(private readonly grouped: boolean) {}

  /** Runs add for the team and, when grouped, for each group the keys name (same keys merged, weights summed). */
  contribute(keys: Keys, add: (accumulator: Accumulator, weight: number) => void): void {
    add(this.team, 1);
    if (!this.grouped) return;
    if (keys.length === 1) {
      add(this.group(keys[0]![0]), keys[0]![1]);
      return;
    }
    const merged = new Map<string, number>();
    for (const [key, weight] of keys) merged.set(key, (merged.get(key) ?? 0) + weight);
    for (const [key, weight] of merged) add(this.group(key), weight);
  }

  add(other: PeriodTotals): void {
    this.team.add(other.team);
    other.groups.forEach((accumulator, key) => this.group(key).add(accumulator));
  }

  /** The accumulator of a group (created empty when it has none yet). */
  group(key: string): Accumulator {
    let accumulator = this.groups.get(key);
    if (accumulator === undefined) this.groups.set(key, (accumulator = new Accumulator()));
    return accumulator;
  }
}
