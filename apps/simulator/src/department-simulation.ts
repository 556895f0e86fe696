/**
 * A sales department, day by day, driven through the same deciders as the API (so every event is valid by
 * construction) and the same routing (the roster read model). Deterministic for a seed and a span (a start
 * day, or an end day: see simulation-window.ts). Each simulated day comes out as one appendMany batch, in
 * the order things happened. The head of sales plans every month near what the team can do (monthly-plans.ts).
 */
import { accountDecider, accountStreamId } from '#libs/account-management';
import { DEAL_LOSS_REASONS, catalogueEventSchemas, type RepRole, DAY_MS, type Actor } from '#libs/contracts';
import { dealDecider, dealStreamId } from '#libs/deal-closing';
import type { Decider, DomainEvent } from '#libs/event-sourcing';
import type { StoredEvent, StreamAppend } from '#libs/event-store';
import { callScriptDecider, callScriptStreamId, leadDecider, leadStreamId } from '#libs/prospecting';
import { planDecider, planStreamId, repDecider, repStreamId } from '#libs/sales-management';
import { MonthlyPlanner, type FunnelEstimate } from './monthly-plans';
import { SeededRandom } from './seeded-random';
import { simulationWindow, type SimulationSpan } from './simulation-window';
import { RosterReadModel } from '#libs/platform';

const rub = (amount: number) => ({ amount: Math.round(amount), currency: 'RUB' });

export interface SimulationSettings {
  readonly seed: number;
  /** With `end`, whole calendar months; with `start`, `months × 30.4` days (fractions allowed). */
  readonly months: number;
  readonly leadsPerDay: number;
  readonly keyAccountThreshold: number;
}

/** `start`: midnight UTC of the first simulated day; or `end`: midnight UTC of the day after the last. */
export type SimulationOptions = SimulationSettings & SimulationSpan;

/** The chances and amounts of the department's funnel (the head of sales' estimate is made of them). */
const FUNNEL = {
  reachChance: 0.45,
  attempts: 4,
  qualifyChance: 0.5,
  /** A qualified lead's estimated value, in thousands of RUB: uniform between these. */
  valueThousands: [150, 2500],
  meetingHeldChance: 0.8,
  closerChance: 0.2,
  closerPercent: 50,
  winChance: 0.4,
  /** The proposal is the estimate times 0.9 + up to this; the won amount the proposal times 0.9 + up to `wonSpread`. */
  proposalSpread: 0.4,
  wonSpread: 0.15,
  repeatSaleChance: 0.15,
  repeatWinChance: 0.55,
  repeatValueThousands: [100, 1500],
} as const;

/** What the funnel above brings per day once full: the plans' starting point (see monthly-plans.ts). */
function funnelEstimate(leadsPerDay: number): FunnelEstimate {
  const qualified = leadsPerDay * (1 - (1 - FUNNEL.reachChance) ** FUNNEL.attempts) * FUNNEL.qualifyChance;
  const mean = ([low, high]: readonly [number, number]) => ((low + high) / 2) * 1000;
  const wonAmount = mean(FUNNEL.valueThousands) * (0.9 + FUNNEL.proposalSpread / 2) * (0.9 + FUNNEL.wonSpread / 2);
  return {
    leadsQualifiedPerDay: qualified,
    meetingsHeldPerDay: qualified * FUNNEL.meetingHeldChance,
    newBusinessPerDay: qualified * FUNNEL.winChance * wonAmount,
    // One monthly touch a month, a repeat sale opened at some of them, won at some of those.
    repeatPerAccountDay: (FUNNEL.repeatSaleChance * FUNNEL.repeatWinChance * mean(FUNNEL.repeatValueThousands)) / 30,
    closerShare: (FUNNEL.closerChance * FUNNEL.closerPercent) / 100,
  };
}

interface Meta {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly at: number;
}

type Action = () => void;

const TEAM: Array<[RepRole, number, number]> = [
  ['head-of-sales', 1, 1],
  ['lead-generator', 6, 150],
  ['hunter', 6, 60],
  ['closer', 2, 40],
  ['farmer', 5, 400],
  ['kam', 2, 100],
  ['sales-assistant', 3, 30],
];

/**
 * The roles the head of sales hires more of when work waits for them, and how much waiting work on the last day of a
 * month makes them hire one (a quarter of a rep's capacity: qualified leads no hunter could take; leads no lead
 * generator could). Without it a busy department's queues grew without end: at 45 leads a day some 730 qualified
 * leads waited for the six hunters within a year, and behind them every lead generator was full and ~2,400 leads a
 * year were never worked, each routed again every day.
 */
const STAFFED: ReadonlyArray<readonly [RepRole, number]> = [
  ['lead-generator', 150 / 4],
  ['hunter', 60 / 4],
];

const NAMES = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор', 'Жанна', 'Зоя', 'Илья', 'Ксения', 'Лев', 'Мария', 'Никита', 'Ольга', 'Павел'];
const COMPANIES = ['Ромашка', 'Василёк', 'Сосна', 'Берёза', 'Север', 'Вектор', 'Альфа', 'Гранит', 'Восход', 'Меридиан', 'Орбита', 'Прогресс'];

export class DepartmentSimulation {
  /** Midnight UTC of the first simulated day. */
  readonly start: Date;
  /** How many days are simulated. */
  readonly days: number;
  private readonly random: SeededRandom;
  /** The head of sales' own: plans draw from it, so that how plans are made never changes the rest of the history. */
  private readonly planRandom: SeededRandom;
  private readonly planner: MonthlyPlanner;
  private readonly roster = new RosterReadModel();
  private readonly states = new Map<string, { state: unknown; revision: number }>();
  private readonly agenda = new Map<number, Action[]>();
  private batch = new Map<string, StreamAppend & { events: Array<StreamAppend['events'][number]> }>();
  private today = 0;
  private leads = 0;
  private deals = 0;
  private position = 0;
  private lastLeadGenerator: string | undefined;
  private readonly reps: Record<string, string[]> = {};
  private hired = 0;
  /** Work that waited today for a rep of each role (a lead not assigned, a qualified lead not handed off). */
  private waiting: Partial<Record<RepRole, number>> = {};
  readonly counts: Record<string, number> = {};

  constructor(private readonly options: SimulationOptions) {
    const window = simulationWindow(options.months, options);
    this.start = window.start;
    this.days = window.days;
    this.random = new SeededRandom(options.seed);
    this.planRandom = new SeededRandom(options.seed ^ 0x5ea1e5);
    this.planner = new MonthlyPlanner(funnelEstimate(options.leadsPerDay));
  }

  /** The batches of the simulation, one per day, to append in order. */
  *dayBatches(): Generator<StreamAppend[]> {
    for (this.today = 0; this.today < this.days; this.today++) {
      if (this.today === 0) this.hire();
      else this.staff();
      this.waiting = {};
      this.monthlyPlans();
      this.absences();
      const arrivals = Math.max(0, Math.round(this.options.leadsPerDay * (0.6 + this.random.next() * 0.8)));
      for (let i = 0; i < arrivals; i++) this.newLead();
      for (const action of this.agenda.get(this.today) ?? []) action();
      this.agenda.delete(this.today);
      const batch = [...this.batch.values()];
      this.batch = new Map();
      if (batch.length > 0) yield batch;
    }
  }

  // ---------------------------------------------------------------------------------------------- the engine

  /** Runs a command through its decider now, stages its events for today's batch, and returns their ids. */
  private run<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, meta: Meta, random = this.random): string[] {
    const current = this.states.get(streamId) ?? { state: decider.initialState, revision: -1 };
    const events = decider.decide(command, current.state as S);
    let state = current.state as S;
    const ids: string[] = [];
    const staged = this.batch.get(streamId) ?? {
      streamId,
      expectedRevision: current.revision === -1 ? ('no-stream' as const) : current.revision,
      events: [],
    };
    for (const event of events) {
      catalogueEventSchemas.check(event);
      state = decider.evolve(state, event);
      const eventId = random.uuid(meta.at);
      ids.push(eventId);
      staged.events.push({
        eventId,
        type: event.type,
        schemaVersion: catalogueEventSchemas.schemaVersionOf(event.type),
        data: event.data,
        occurredAt: new Date(meta.at),
        metadata: { correlationId: meta.correlationId, causationId: meta.causationId, actor: meta.actor },
      });
      this.counts[event.type] = (this.counts[event.type] ?? 0) + 1;
      this.planner.observe(event.type, event.data as Record<string, unknown>, this.today);
      // Routing reads the roster as the events happen.
      this.roster.apply({ type: event.type, data: event.data, position: { commit: ++this.position, prepare: this.position } } as StoredEvent);
    }
    if (events.length > 0) this.batch.set(streamId, staged);
    this.states.set(streamId, { state, revision: current.revision + events.length });
    return ids;
  }

  private at(hour: number): number {
    return this.start.getTime() + this.today * DAY_MS + hour * 3_600_000 + this.random.int(0, 3_599_999);
  }

  private later(days: number, action: Action): void {
    const day = this.today + Math.max(1, days);
    if (day >= this.days) return;
    const list = this.agenda.get(day) ?? [];
    list.push(action);
    this.agenda.set(day, list);
  }

  private actor(userId: string): Actor {
    return { userId, role: this.roster.get(userId)?.role ?? 'head-of-sales' };
  }

  private service(name: string): Actor {
    return { userId: name, role: 'service' };
  }

  // ---------------------------------------------------------------------------------------------- the roster

  private hire(): void {
    for (const [role, count] of TEAM) {
      this.reps[role] = [];
      for (let i = 1; i <= count; i++) this.join(role);
    }
    const head = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: 'setup', causationId: null, at: this.at(9) };
    this.run(callScriptDecider, callScriptStreamId('cold-call'), {
      type: 'PublishCallScript', scriptId: 'cold-call', title: 'Холодный звонок', steps: ['Представиться', 'Назвать выгоду', 'Найти ЛПР'], isNew: true,
    }, head);
  }

  /** One more rep of `role`, numbered after the others. */
  private join(role: RepRole): void {
    const capacity = TEAM.find(([teamRole]) => teamRole === role)![2];
    const i = this.reps[role]!.length + 1;
    const repId = `${role}-${i}`;
    this.reps[role]!.push(repId);
    const meta = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: `hire-${repId}`, causationId: null, at: this.at(9) };
    this.run(repDecider, repStreamId(repId), { type: 'JoinRep', rep: { repId, name: `${NAMES[this.hired++ % NAMES.length]} ${i}`, role, capacity } }, meta);
  }

  private waited(role: RepRole): void {
    this.waiting[role] = (this.waiting[role] ?? 0) + 1;
  }

  /**
   * On the first of every month (before the month's plans), the head of sales hires one rep of each role that the
   * work waited for yesterday, as much as STAFFED says.
   */
  private staff(): void {
    if (new Date(this.start.getTime() + this.today * DAY_MS).getUTCDate() !== 1) return;
    for (const [role, backlog] of STAFFED) if ((this.waiting[role] ?? 0) >= backlog) this.join(role);
  }

  /**
   * On the first day of the simulation and of every calendar month, the head of sales sets the month's plans
   * (see monthly-plans.ts): for the team, and for each rep in a planned role. On the first day they come
   * after the hiring, and cover the rest of that month.
   */
  private monthlyPlans(): void {
    const today = new Date(this.start.getTime() + this.today * DAY_MS);
    if (this.today > 0 && today.getUTCDate() !== 1) return;
    const start = Math.max(this.start.getTime(), Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
    const month = today.toISOString().slice(0, 7);
    const period = { periodStart: new Date(start).toISOString(), periodEnd: new Date(end).toISOString() };
    const dayOf = (at: number) => Math.round((at - this.start.getTime()) / DAY_MS);
    const drafts = this.planner.plans({
      month,
      today: this.today,
      periodStart: dayOf(start),
      periodEnd: dayOf(end),
      startMs: this.start.getTime(),
      reps: this.roster.list(),
      random: this.planRandom,
    });
    const at = this.start.getTime() + this.today * DAY_MS + (this.today === 0 ? 10 : 8) * 3_600_000 + this.planRandom.int(0, 3_599_999);
    const head = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: `plans-${month}`, causationId: null, at };
    for (const { planId, ...plan } of drafts) {
      this.run(planDecider, planStreamId(planId), { type: 'SetPlan', plan: { planId, ...period, ...plan } }, head, this.planRandom);
    }
  }

  private absences(): void {
    for (const [role] of TEAM) {
      for (const repId of this.reps[role] ?? []) {
        if (role === 'head-of-sales' || !this.roster.get(repId)?.available || !this.random.chance(0.006)) continue;
        const days = this.random.int(5, 14);
        const at = this.at(8);
        const meta = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: `absence-${repId}-${this.today}`, causationId: null, at };
        this.run(repDecider, repStreamId(repId), {
          type: 'SetRepAvailability',
          at: new Date(at - 1),
          availability: { repId, available: false, absentUntil: new Date(at + days * DAY_MS).toISOString(), reason: this.random.pick(['vacation', 'sick-leave', 'training'] as const) },
        }, meta);
        this.later(days, () =>
          this.run(repDecider, repStreamId(repId), { type: 'SetRepAvailability', at: new Date(this.at(8)), availability: { repId, available: true } }, { ...meta, at: this.at(8) }),
        );
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- leads

  private newLead(): void {
    const leadId = `lead-${++this.leads}`;
    const correlationId = `flow-${leadId}`;
    const at = this.at(9);
    const source = this.random.pick(['manual', 'web-form', 'web-form', 'import'] as const);
    const by = source === 'web-form' ? this.service('web-form') : this.actor(this.random.pick(this.reps['lead-generator']!));
    const company = `ООО «${this.random.pick(COMPANIES)}-${this.leads}»`;
    const [captured] = this.run(leadDecider, leadStreamId(leadId), {
      type: 'CaptureLead',
      by,
      lead: {
        leadId,
        company: { name: company, taxId: String(7700000000 + this.leads) },
        contact: { name: this.random.pick(NAMES), email: `lead${this.leads}@example.ru` },
        source,
        estimatedValue: rub(this.random.int(100, 2000) * 1000),
      },
    }, { actor: by, correlationId, causationId: null, at });
    this.assign(leadId, captured!, correlationId);
  }

  private assign(leadId: string, causationId: string, correlationId: string): void {
    const choice = this.roster.roundRobin('lead-generator', this.lastLeadGenerator);
    if (!choice) {
      this.waited('lead-generator');
      this.later(1, () => this.assign(leadId, causationId, correlationId));
      return;
    }
    this.lastLeadGenerator = choice.repId;
    const routing = this.service('prospecting.routing');
    this.run(leadDecider, leadStreamId(leadId), {
      type: 'AssignLead',
      by: routing,
      assignment: { leadId, leadGeneratorId: choice.repId, rule: 'round-robin', candidates: choice.candidates, skipped: choice.skipped },
    }, { actor: routing, correlationId, causationId, at: this.at(10) });
    this.later(this.random.int(0, 2), () => this.attempt(leadId, choice.repId, correlationId, 1));
  }

  private attempt(leadId: string, leadGeneratorId: string, correlationId: string, number: number): void {
    const by = this.actor(leadGeneratorId);
    const at = this.at(11);
    const reached = this.random.chance(FUNNEL.reachChance);
    const last = number >= FUNNEL.attempts;
    this.run(leadDecider, leadStreamId(leadId), {
      type: 'LogContactAttempt',
      by,
      at: new Date(at),
      attempt: {
        leadId,
        channel: this.random.pick(['call', 'call', 'email', 'messenger'] as const),
        outcome: reached ? 'reached' : this.random.pick(['no-answer', 'left-message', 'callback-requested'] as const),
        script: { scriptId: 'cold-call', version: 1 },
        ...(!reached && !last ? { nextAttemptAt: new Date(at + 2 * DAY_MS).toISOString() } : {}),
      },
    }, { actor: by, correlationId, causationId: null, at });
    if (reached) {
      this.later(1, () => this.qualifyOrNot(leadId, leadGeneratorId, correlationId));
    } else if (!last) {
      this.later(2, () => this.attempt(leadId, leadGeneratorId, correlationId, number + 1));
    } else {
      this.run(leadDecider, leadStreamId(leadId), { type: 'DisqualifyLead', by, disqualification: { leadId, reason: 'unreachable' } }, { actor: by, correlationId, causationId: null, at: at + 60_000 });
    }
  }

  private qualifyOrNot(leadId: string, leadGeneratorId: string, correlationId: string): void {
    const by = this.actor(leadGeneratorId);
    const at = this.at(12);
    if (!this.random.chance(FUNNEL.qualifyChance)) {
      const reason = this.random.pick(['no-budget', 'no-need', 'bad-timing', 'no-authority', 'existing-client'] as const);
      this.run(leadDecider, leadStreamId(leadId), { type: 'DisqualifyLead', by, disqualification: { leadId, reason } }, { actor: by, correlationId, causationId: null, at });
      return;
    }
    const value = this.random.int(...FUNNEL.valueThousands) * 1000;
    this.run(leadDecider, leadStreamId(leadId), {
      type: 'QualifyLead',
      by,
      qualification: { leadId, budget: rub(value * 1.1), authority: 'Генеральный директор', need: 'CRM', timing: 'квартал', estimatedValue: rub(value) },
    }, { actor: by, correlationId, causationId: null, at });
    this.handOff(leadId, leadGeneratorId, correlationId, value);
  }

  /** Handoff 1 to the least-loaded hunter; with every hunter full or away, the lead waits a day. */
  private handOff(leadId: string, leadGeneratorId: string, correlationId: string, value: number): void {
    const by = this.actor(leadGeneratorId);
    const at = this.at(12);
    const hunter = this.roster.leastLoaded('hunter');
    if (!hunter) {
      this.waited('hunter');
      this.later(1, () => this.handOff(leadId, leadGeneratorId, correlationId, value));
      return;
    }
    const dealId = `deal-${++this.deals}`;
    const lead = this.states.get(leadStreamId(leadId))!.state as { company: never; contact: never };
    const [handedOff] = this.run(leadDecider, leadStreamId(leadId), {
      type: 'HandOffLead',
      by,
      handoff: { leadId, hunterId: hunter.repId, dealId, rule: 'least-loaded', candidates: hunter.candidates, skipped: hunter.skipped },
    }, { actor: by, correlationId, causationId: null, at: at + 60_000 });
    const pm = this.service('deal-closing.handoff');
    this.run(dealDecider, dealStreamId(dealId), {
      type: 'OpenDeal',
      by: pm,
      deal: { dealId, leadId, hunterId: hunter.repId, company: lead.company, contact: lead.contact, estimatedValue: rub(value) },
    }, { actor: pm, correlationId, causationId: handedOff!, at: at + 120_000 });
    this.later(this.random.int(1, 3), () => this.meeting(dealId, hunter.repId, correlationId, value));
  }

  // ---------------------------------------------------------------------------------------------- deals

  private meeting(dealId: string, ownerId: string, correlationId: string, value: number): void {
    const by = this.actor(ownerId);
    const at = this.at(13);
    const meetingId = `${dealId}-m1`;
    this.run(dealDecider, dealStreamId(dealId), {
      type: 'ScheduleMeeting', by, at: new Date(at),
      meeting: { dealId, meetingId, scheduledFor: new Date(at + 2 * DAY_MS).toISOString(), kind: 'discovery' },
    }, { actor: by, correlationId, causationId: null, at });
    this.later(2, () => {
      const roll = this.random.next();
      const record = roll < FUNNEL.meetingHeldChance ? { kind: 'held' as const, outcome: this.random.pick(['positive', 'neutral', 'negative'] as const) } : roll < 0.9 ? { kind: 'no-show' as const } : { kind: 'cancelled' as const, reason: 'Перенос' };
      this.run(dealDecider, dealStreamId(dealId), { type: 'RecordMeeting', by, dealId, meetingId, record }, { actor: by, correlationId, causationId: null, at: this.at(14) });
      this.run(dealDecider, dealStreamId(dealId), { type: 'ChangeDealStage', by, dealId, to: 'discovery' }, { actor: by, correlationId, causationId: null, at: this.at(15) });
      this.later(this.random.int(2, 6), () => this.proposal(dealId, ownerId, correlationId, value));
    });
  }

  private proposal(dealId: string, ownerId: string, correlationId: string, value: number): void {
    const by = this.actor(ownerId);
    const at = this.at(11);
    const amount = rub(value * (0.9 + this.random.next() * FUNNEL.proposalSpread));
    this.run(dealDecider, dealStreamId(dealId), {
      type: 'SendProposal', by, at: new Date(at),
      proposal: { dealId, proposalId: `${dealId}-p1`, amount, validUntil: new Date(at + 30 * DAY_MS).toISOString() },
    }, { actor: by, correlationId, causationId: null, at });
    this.run(dealDecider, dealStreamId(dealId), { type: 'ChangeDealStage', by, dealId, to: 'negotiation' }, { actor: by, correlationId, causationId: null, at: at + 60_000 });
    let owner = ownerId;
    if (this.random.chance(FUNNEL.closerChance)) {
      const closer = this.roster.leastLoaded('closer');
      if (closer) {
        this.run(dealDecider, dealStreamId(dealId), {
          type: 'HandOffDealToCloser', by,
          handoff: { dealId, closerId: closer.repId, reason: 'Застряли на цене', rule: 'least-loaded', candidates: closer.candidates, skipped: closer.skipped },
        }, { actor: by, correlationId, causationId: null, at: at + 120_000 });
        owner = closer.repId;
      }
    }
    this.later(this.random.int(5, 25), () => this.close(dealId, owner, correlationId, amount.amount));
  }

  private close(dealId: string, ownerId: string, correlationId: string, amount: number): void {
    const by = this.actor(ownerId);
    const at = this.at(16);
    if (!this.random.chance(FUNNEL.winChance)) {
      const reason = this.random.pick(DEAL_LOSS_REASONS);
      this.run(dealDecider, dealStreamId(dealId), {
        type: 'LoseDeal', by,
        loss: { dealId, reason, ...(reason === 'competitor' ? { competitor: this.random.pick(['Битрикс24', 'amoCRM', 'Мегаплан']) } : {}) },
      }, { actor: by, correlationId, causationId: null, at });
      return;
    }
    const accountId = `account-${dealId.slice(5)}`;
    const [won] = this.run(dealDecider, dealStreamId(dealId), {
      type: 'WinDeal', by, dealId, amount: rub(amount * (0.9 + this.random.next() * FUNNEL.wonSpread)), closerPercent: FUNNEL.closerPercent, accountId,
    }, { actor: by, correlationId, causationId: null, at });
    const wonEvent = this.lastStaged(dealStreamId(dealId)).data as { amount: { amount: number; currency: string }; company: never; contact: never };
    const farmer = this.roster.leastLoaded('farmer');
    const pm = this.service('account-management.handoff');
    this.run(accountDecider, accountStreamId(accountId), {
      type: 'OpenAccount', by: pm,
      account: {
        accountId, dealId, company: wonEvent.company, contact: wonEvent.contact, openingRevenue: wonEvent.amount,
        ...(farmer ? { farmerId: farmer.repId } : {}), rule: 'least-loaded', candidates: farmer?.candidates ?? [], skipped: farmer?.skipped ?? [],
      },
    }, { actor: pm, correlationId, causationId: won!, at: at + 60_000 });
    this.later(30, () => this.month(accountId, correlationId));
  }

  // ---------------------------------------------------------------------------------------------- accounts

  private month(accountId: string, correlationId: string): void {
    const account = this.states.get(accountStreamId(accountId))!.state as { status: string; ownerId?: string; repeatSales: Record<string, string> };
    if (account.status !== 'active') return;
    if (!account.ownerId) {
      this.later(30, () => this.month(accountId, correlationId));
      return;
    }
    const by = this.actor(account.ownerId);
    const at = this.at(10);
    this.run(accountDecider, accountStreamId(accountId), {
      type: 'LogTouchpoint', by,
      touchpoint: { accountId, touchpointId: `${accountId}-t${this.today}`, kind: this.random.pick(['check-in', 'qbr', 'visit', 'support'] as const), satisfaction: this.random.int(5, 10) },
    }, { actor: by, correlationId, causationId: null, at });
    const open = Object.values(account.repeatSales).includes('open');
    if (!open && this.random.chance(FUNNEL.repeatSaleChance)) {
      const repeatSaleId = `${accountId}-r${this.today}`;
      const value = this.random.int(...FUNNEL.repeatValueThousands) * 1000;
      this.run(accountDecider, accountStreamId(accountId), {
        type: 'OpenRepeatSale', by,
        repeatSale: { accountId, repeatSaleId, kind: this.random.pick(['upsell', 'cross-sell', 'renewal'] as const), estimatedValue: rub(value) },
      }, { actor: by, correlationId, causationId: null, at: at + 60_000 });
      this.later(this.random.int(10, 40), () => this.repeatSaleOutcome(accountId, repeatSaleId, value, correlationId));
    } else if (!open && this.random.chance(0.01)) {
      this.run(accountDecider, accountStreamId(accountId), { type: 'RecordChurn', by, accountId, reason: 'Ушли к конкуренту' }, { actor: by, correlationId, causationId: null, at: at + 60_000 });
      return;
    }
    this.later(30, () => this.month(accountId, correlationId));
  }

  private repeatSaleOutcome(accountId: string, repeatSaleId: string, value: number, correlationId: string): void {
    const account = this.states.get(accountStreamId(accountId))!.state as { status: string; ownerId?: string };
    if (account.status !== 'active' || !account.ownerId) return;
    const by = this.actor(account.ownerId);
    const at = this.at(15);
    if (!this.random.chance(FUNNEL.repeatWinChance)) {
      this.run(accountDecider, accountStreamId(accountId), { type: 'CloseRepeatSale', by, accountId, repeatSaleId, outcome: { won: false, reason: 'Нет бюджета' } }, { actor: by, correlationId, causationId: null, at });
      return;
    }
    const [won] = this.run(accountDecider, accountStreamId(accountId), {
      type: 'CloseRepeatSale', by, accountId, repeatSaleId, outcome: { won: true, amount: rub(value) },
    }, { actor: by, correlationId, causationId: null, at });
    const kam = this.roster.leastLoaded('kam');
    if (!kam) return;
    const pm = this.service('account-management.key-accounts');
    this.run(accountDecider, accountStreamId(accountId), {
      type: 'PromoteAccountIfOverThreshold', by: pm, threshold: this.options.keyAccountThreshold,
      promotion: { accountId, kamId: kam.repId, rule: 'least-loaded', candidates: kam.candidates, skipped: kam.skipped },
    }, { actor: pm, correlationId, causationId: won!, at: at + 60_000 });
  }

  private lastStaged(streamId: string): { data: unknown } {
    return this.batch.get(streamId)!.events.at(-1)! as { data: unknown };
  }
}
