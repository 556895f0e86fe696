/**
 * A sales department, day by day, driven through the same deciders as the API (so every event is valid by
 * construction) and the same routing (the roster read model). Deterministic for a seed. Each simulated
 * day comes out as one appendMany batch, in the order things happened.
 */
import { accountDecider, accountStreamId } from '#libs/account-management';
import { DEAL_LOSS_REASONS, catalogueEventSchemas, type RepRole } from '#libs/contracts';
import { dealDecider, dealStreamId } from '#libs/deal-closing';
import type { Decider, DomainEvent } from '#libs/event-sourcing';
import type { EventActor, StoredEvent, StreamAppend } from '#libs/event-store';
import { RosterReadModel } from '#libs/projections';
import { callScriptDecider, callScriptStreamId, leadDecider, leadStreamId } from '#libs/prospecting';
import { planDecider, planStreamId, repDecider, repStreamId } from '#libs/sales-management';
import { SeededRandom } from './seeded-random';

const DAY = 86_400_000;
const rub = (amount: number) => ({ amount: Math.round(amount), currency: 'RUB' });

export interface SimulationOptions {
  readonly seed: number;
  readonly months: number;
  /** Midnight UTC of the first simulated day. */
  readonly start: Date;
  readonly leadsPerDay: number;
  readonly keyAccountThreshold: number;
}

interface Meta {
  readonly actor: EventActor;
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

const NAMES = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор', 'Жанна', 'Зоя', 'Илья', 'Ксения', 'Лев', 'Мария', 'Никита', 'Ольга', 'Павел'];
const COMPANIES = ['Ромашка', 'Василёк', 'Сосна', 'Берёза', 'Север', 'Вектор', 'Альфа', 'Гранит', 'Восход', 'Меридиан', 'Орбита', 'Прогресс'];

export class DepartmentSimulation {
  private readonly random: SeededRandom;
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
  readonly counts: Record<string, number> = {};

  constructor(private readonly options: SimulationOptions) {
    this.random = new SeededRandom(options.seed);
  }

  get days(): number {
    return Math.round(this.options.months * 30.4);
  }

  /** The batches of the simulation, one per day, to append in order. */
  *dayBatches(): Generator<StreamAppend[]> {
    for (this.today = 0; this.today < this.days; this.today++) {
      if (this.today === 0) this.hire();
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
  private run<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, meta: Meta): string[] {
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
      const eventId = this.random.uuid(meta.at);
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
      // Routing reads the roster as the events happen.
      this.roster.apply({ type: event.type, data: event.data, position: { commit: ++this.position, prepare: this.position } } as StoredEvent);
    }
    if (events.length > 0) this.batch.set(streamId, staged);
    this.states.set(streamId, { state, revision: current.revision + events.length });
    return ids;
  }

  private at(hour: number): number {
    return this.options.start.getTime() + this.today * DAY + hour * 3_600_000 + this.random.int(0, 3_599_999);
  }

  private later(days: number, action: Action): void {
    const day = this.today + Math.max(1, days);
    if (day >= this.days) return;
    const list = this.agenda.get(day) ?? [];
    list.push(action);
    this.agenda.set(day, list);
  }

  private actor(userId: string): EventActor {
    return { userId, role: this.roster.get(userId)?.role ?? 'head-of-sales' };
  }

  private service(name: string): EventActor {
    return { userId: name, role: 'service' };
  }

  // ---------------------------------------------------------------------------------------------- the roster

  private hire(): void {
    let n = 0;
    for (const [role, count, capacity] of TEAM) {
      this.reps[role] = [];
      for (let i = 1; i <= count; i++) {
        const repId = `${role}-${i}`;
        this.reps[role]!.push(repId);
        const meta = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: `hire-${repId}`, causationId: null, at: this.at(9) };
        this.run(repDecider, repStreamId(repId), { type: 'JoinRep', rep: { repId, name: `${NAMES[n++ % NAMES.length]} ${i}`, role, capacity } }, meta);
      }
    }
    const head = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: 'setup', causationId: null, at: this.at(9) };
    this.run(callScriptDecider, callScriptStreamId('cold-call'), {
      type: 'PublishCallScript', scriptId: 'cold-call', title: 'Холодный звонок', steps: ['Представиться', 'Назвать выгоду', 'Найти ЛПР'], isNew: true,
    }, head);
  }

  /** On the first day of the simulation and of every calendar month, the head of sales sets the month's plans. */
  private monthlyPlans(): void {
    const today = new Date(this.options.start.getTime() + this.today * DAY);
    if (this.today > 0 && today.getUTCDate() !== 1) return;
    const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
    const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
    const days = (end - start) / DAY;
    const month = new Date(start).toISOString().slice(0, 7);
    const period = { periodStart: new Date(start).toISOString(), periodEnd: new Date(end).toISOString() };
    const head = { actor: { userId: 'head-of-sales-1', role: 'head-of-sales' as const }, correlationId: `plans-${month}`, causationId: null, at: this.at(8) };
    this.run(planDecider, planStreamId(`new-business-${month}`), {
      type: 'SetPlan',
      plan: { planId: `new-business-${month}`, ...period, scope: { kind: 'team' }, metric: 'new-business-revenue', target: this.options.leadsPerDay * days * 60_000, currency: 'RUB' },
    }, head);
    this.run(planDecider, planStreamId(`repeat-${month}`), {
      type: 'SetPlan',
      plan: { planId: `repeat-${month}`, ...period, scope: { kind: 'role', role: 'farmer' }, metric: 'repeat-revenue', target: this.options.leadsPerDay * days * 20_000, currency: 'RUB' },
    }, head);
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
          availability: { repId, available: false, absentUntil: new Date(at + days * DAY).toISOString(), reason: this.random.pick(['vacation', 'sick-leave', 'training'] as const) },
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
    const reached = this.random.chance(0.45);
    const last = number >= 4;
    this.run(leadDecider, leadStreamId(leadId), {
      type: 'LogContactAttempt',
      by,
      at: new Date(at),
      attempt: {
        leadId,
        channel: this.random.pick(['call', 'call', 'email', 'messenger'] as const),
        outcome: reached ? 'reached' : this.random.pick(['no-answer', 'left-message', 'callback-requested'] as const),
        script: { scriptId: 'cold-call', version: 1 },
        ...(!reached && !last ? { nextAttemptAt: new Date(at + 2 * DAY).toISOString() } : {}),
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
    if (!this.random.chance(0.5)) {
      const reason = this.random.pick(['no-budget', 'no-need', 'bad-timing', 'no-authority', 'existing-client'] as const);
      this.run(leadDecider, leadStreamId(leadId), { type: 'DisqualifyLead', by, disqualification: { leadId, reason } }, { actor: by, correlationId, causationId: null, at });
      return;
    }
    const value = this.random.int(150, 2500) * 1000;
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
      meeting: { dealId, meetingId, scheduledFor: new Date(at + 2 * DAY).toISOString(), kind: 'discovery' },
    }, { actor: by, correlationId, causationId: null, at });
    this.later(2, () => {
      const roll = this.random.next();
      const record = roll < 0.8 ? { kind: 'held' as const, outcome: this.random.pick(['positive', 'neutral', 'negative'] as const) } : roll < 0.9 ? { kind: 'no-show' as const } : { kind: 'cancelled' as const, reason: 'Перенос' };
      this.run(dealDecider, dealStreamId(dealId), { type: 'RecordMeeting', by, dealId, meetingId, record }, { actor: by, correlationId, causationId: null, at: this.at(14) });
      this.run(dealDecider, dealStreamId(dealId), { type: 'ChangeDealStage', by, dealId, to: 'discovery' }, { actor: by, correlationId, causationId: null, at: this.at(15) });
      this.later(this.random.int(2, 6), () => this.proposal(dealId, ownerId, correlationId, value));
    });
  }

  private proposal(dealId: string, ownerId: string, correlationId: string, value: number): void {
    const by = this.actor(ownerId);
    const at = this.at(11);
    const amount = rub(value * (0.9 + this.random.next() * 0.4));
    this.run(dealDecider, dealStreamId(dealId), {
      type: 'SendProposal', by, at: new Date(at),
      proposal: { dealId, proposalId: `${dealId}-p1`, amount, validUntil: new Date(at + 30 * DAY).toISOString() },
    }, { actor: by, correlationId, causationId: null, at });
    this.run(dealDecider, dealStreamId(dealId), { type: 'ChangeDealStage', by, dealId, to: 'negotiation' }, { actor: by, correlationId, causationId: null, at: at + 60_000 });
    let owner = ownerId;
    if (this.random.chance(0.2)) {
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
    if (!this.random.chance(0.4)) {
      const reason = this.random.pick(DEAL_LOSS_REASONS);
      this.run(dealDecider, dealStreamId(dealId), {
        type: 'LoseDeal', by,
        loss: { dealId, reason, ...(reason === 'competitor' ? { competitor: this.random.pick(['Битрикс24', 'amoCRM', 'Мегаплан']) } : {}) },
      }, { actor: by, correlationId, causationId: null, at });
      return;
    }
    const accountId = `account-${dealId.slice(5)}`;
    const [won] = this.run(dealDecider, dealStreamId(dealId), {
      type: 'WinDeal', by, dealId, amount: rub(amount * (0.9 + this.random.next() * 0.15)), closerPercent: 50, accountId,
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
    if (!open && this.random.chance(0.15)) {
      const repeatSaleId = `${accountId}-r${this.today}`;
      const value = this.random.int(100, 1500) * 1000;
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
    if (!this.random.chance(0.55)) {
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
