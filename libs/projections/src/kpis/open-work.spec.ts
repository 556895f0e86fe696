/**
 * What was open at a moment is a sum kept month by month and day by day: it must always equal what is open counted
 * fact by fact (the definition, written out below), as the history grows, across handoffs, disqualifications, wins,
 * losses, churns, reassignments and proposals that change a deal's value, under every grouping.
 */
import { DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { given, kpiStory, then, type History } from '../testing/kpi-story';
import { Grouping, type KpiGroupBy } from './contributions';
import type { AccountFact, DealFact, LeadFact } from './kpi-facts.projection';
import { addOpenWork } from './open-work';
import { PeriodTotals } from './period-totals';
import { addMoney, type MoneyByCurrency } from './statistics';

const story = kpiStory();
const START = Date.parse('2026-01-01T00:00:00Z');
const iso = (time: number) => new Date(time).toISOString();
const ROLES: Record<string, string> = { 'lg-1': 'lead-generator', 'lg-2': 'lead-generator', 'h-1': 'hunter', 'h-2': 'hunter', 'c-1': 'closer', 'f-1': 'farmer' };
const grouping = (groupBy: KpiGroupBy | undefined) => new Grouping(groupBy, (repId) => (repId === undefined ? 'unassigned' : (ROLES[repId] ?? 'unknown')));

/** The definition: every lead, deal and account opened before `at` and not closed before it, fact by fact. */
function byHand(facts: DocumentReader, at: number, groupBy: KpiGroupBy | undefined) {
  const before = (time: number | undefined) => time !== undefined && time < at;
  const work = new Map<string, number>();
  const count = (repId: string | undefined) => repId !== undefined && work.set(repId, (work.get(repId) ?? 0) + 1);
  const pipeline = { deals: 0, value: {} as MoneyByCurrency };
  const groups = new Map<string, { deals: number; value: MoneyByCurrency }>();
  for (const lead of facts.values<LeadFact>('leads')) if (lead.capturedAt < at && !before(lead.handedOffAt) && !before(lead.disqualifiedAt)) count(lead.leadGeneratorId);
  for (const deal of facts.values<DealFact>('deals')) {
    if (!(deal.openedAt < at && !before(deal.wonAt) && !before(deal.lostAt))) continue;
    count(deal.closerId ?? deal.hunterId);
    const { currency, amount } = deal.proposalAmount ?? deal.estimatedValue;
    pipeline.deals++;
    addMoney(pipeline.value, currency, amount);
    for (const [key] of grouping(groupBy).byDeal(deal)) {
      if (!groups.has(key)) groups.set(key, { deals: 0, value: {} });
      groups.get(key)!.deals++;
      addMoney(groups.get(key)!.value, currency, amount);
    }
  }
  for (const account of facts.values<AccountFact>('accounts')) if (account.openedAt < at && !before(account.churnedAt)) count(account.ownerId);
  return { work: [...work].sort(), pipeline, groups: [...groups].sort() };
}

function kept(facts: DocumentReader, at: number, groupBy: KpiGroupBy | undefined) {
  const totals = new PeriodTotals(groupBy !== undefined);
  const work = addOpenWork(totals, facts, at, grouping(groupBy), 0);
  return {
    work: [...work].sort(),
    pipeline: { deals: totals.team.openDeals, value: totals.team.openPipeline },
    groups: [...totals.groups].map(([key, accumulator]) => [key, { deals: accumulator.openDeals, value: accumulator.openPipeline }] as const).sort(),
  };
}

/** A seeded department, day by day: leads worked, handed off or disqualified; deals worked, passed on, won or lost; accounts. */
function* departmentDays(days: number): Generator<History[]> {
  let seed = 11;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const pick = <T>(from: T[]): T | undefined => (from.length === 0 ? undefined : from.splice(Math.floor(random() * from.length), 1)[0]);
  const leads: string[] = [];
  const deals: string[] = [];
  const accounts: string[] = [];
  let made = 0;
  for (let day = 0; day < days; day++) {
    const events: History[] = [];
    const at = (hour: number) => iso(START + day * DAY_MS + hour * 3_600_000);
    for (let hour = 8; hour < 18; hour++) {
      const roll = random();
      const id = `${++made}`;
      if (roll < 0.3) {
        events.push(story.lead(`L${id}`, at(hour), { source: random() < 0.5 ? 'web-form' : 'import', leadGeneratorId: random() < 0.5 ? 'lg-1' : 'lg-2' }));
        leads.push(`L${id}`);
      } else if (roll < 0.45) {
        const lead = pick(leads);
        if (lead === undefined) continue;
        if (random() < 0.3) events.push(story.disqualify(lead, at(hour)));
        else {
          const value = random() < 0.2 ? { amount: 1_000 * Math.ceil(random() * 50), currency: 'USD' } : 10_000 * Math.ceil(random() * 50);
          events.push(story.handOff(lead, `D${id}`, at(hour), { hunterId: random() < 0.5 ? 'h-1' : 'h-2', value }));
          deals.push(`D${id}`);
        }
      } else if (roll < 0.6 && deals.length > 0) {
        const deal = deals[Math.floor(random() * deals.length)]!;
        const next = random();
        if (next < 0.3) events.push(story.proposal(deal, 5_000 * Math.ceil(random() * 100), at(hour)));
        else if (next < 0.45) events.push(story.toCloser(deal, 'c-1', at(hour)));
        else if (next < 0.7) {
          deals.splice(deals.indexOf(deal), 1);
          events.push(story.win(deal, 100_000, at(hour)), story.account(`A${id}`, deal, 'f-1', 100_000, at(hour + 0.1)));
          accounts.push(`A${id}`);
        } else {
          deals.splice(deals.indexOf(deal), 1);
          events.push(story.lose(deal, at(hour)));
        }
      } else if (roll < 0.63) {
        const account = pick(accounts);
        if (account !== undefined) events.push(story.churn(account, at(hour)));
      }
    }
    yield events;
  }
}

describe('open work at a moment', () => {
  it('equals what is open counted fact by fact, under every grouping, as the history grows', () => {
    const facts = given(Object.entries(ROLES).map(([repId, role]) => story.rep(repId, role, '2025-12-01T09:00:00Z')));
    let day = 0;
    let compared = 0;
    for (const events of departmentDays(150)) {
      then(facts, events);
      day++;
      if (day % 3 !== 0) continue;
      const now = START + day * DAY_MS;
      for (const at of [now, now - 3_600_000 * 7.5, START + (day % 41) * DAY_MS + 12.25 * 3_600_000, Date.parse('2026-02-01T00:00:00Z')]) {
        for (const groupBy of [undefined, 'rep', 'role', 'source'] as const) {
          expect({ at: iso(at), groupBy, ...kept(facts, at, groupBy) }).toEqual({ at: iso(at), groupBy, ...byHand(facts, at, groupBy) });
          compared++;
        }
      }
    }
    expect(compared).toBe(800);
    // The history closed work every way and moved deals' values and owners: the comparisons saw all of it.
    const deals = [...facts.values<DealFact>('deals')];
    expect(deals.filter((deal) => deal.closerId !== undefined).length).toBeGreaterThan(3);
    expect(deals.filter((deal) => deal.proposalAmount !== undefined && deal.lostAt !== undefined).length).toBeGreaterThan(3);
    expect([...facts.values<LeadFact>('leads')].filter((lead) => lead.disqualifiedAt !== undefined).length).toBeGreaterThan(10);
    expect([...facts.values<AccountFact>('accounts')].filter((account) => account.churnedAt !== undefined).length).toBeGreaterThan(3);
  });
});
