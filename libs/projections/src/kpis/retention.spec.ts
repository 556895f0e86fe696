/**
 * Retention's account base at the start of a period is a sum kept month by month and day by day: it must always
 * equal the base counted account by account (the definition, written out below), as the history grows, across
 * churns, repeat wins and currencies; and a period asked for again is answered from what was kept.
 */
import { DAY_MS, type Money } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { given, kpiStory, then, type History } from '../testing/kpi-story';
import type { AccountFact } from './kpi-facts.projection';
import { retention } from './retention';
import { addMoney, type MoneyByCurrency } from './statistics';

const story = kpiStory();
const START = Date.parse('2026-01-01T00:00:00Z');
const iso = (time: number) => new Date(time).toISOString();

/** The definition: every account opened before `from` and not churned before it, with its revenue then. */
function byHand(facts: DocumentReader, from: number, to: number) {
  const base = [...facts.values<AccountFact>('accounts')].filter((a) => a.openedAt < from && (a.churnedAt === undefined || a.churnedAt >= from));
  const baseRevenue: MoneyByCurrency = {};
  const churnedRevenue: MoneyByCurrency = {};
  const expansionRevenue: MoneyByCurrency = {};
  let churnedAccounts = 0;
  let accountsWithRepeatSale = 0;
  for (const account of base) {
    const revenue = account.openingRevenue.amount + account.repeatWins.filter((win) => win.at < from).reduce((sum, win) => sum + win.amount.amount, 0);
    addMoney(baseRevenue, account.openingRevenue.currency, revenue);
    if (account.churnedAt !== undefined && account.churnedAt < to) {
      churnedAccounts++;
      addMoney(churnedRevenue, account.openingRevenue.currency, revenue);
    }
    const wins = account.repeatWins.filter((win) => win.at >= from && win.at < to);
    if (wins.length > 0) accountsWithRepeatSale++;
    for (const win of wins) addMoney(expansionRevenue, win.amount.currency, win.amount.amount);
  }
  return { baseAccounts: base.length, churnedAccounts, accountsWithRepeatSale, baseRevenue, churnedRevenue, expansionRevenue };
}

/**
 * A seeded department's accounts, day by day: openings, repeat sales won and lost, churns, in two currencies; now
 * and then a repeat sale won from an account already churned (the read model records what was stored).
 */
function* accountDays(days: number): Generator<History[]> {
  let seed = 7;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const open: string[] = [];
  const churned: string[] = [];
  let accounts = 0;
  let sales = 0;
  for (let day = 0; day < days; day++) {
    const events: History[] = [];
    const at = (hour: number) => iso(START + day * DAY_MS + hour * 3_600_000);
    for (let hour = 9; hour < 17; hour++) {
      const roll = random();
      if (roll < 0.25) {
        const id = `A${++accounts}`;
        const amount = 1_000 * Math.ceil(random() * 100);
        events.push(story.account(id, `D${accounts}`, 'farmer-1', random() < 0.2 ? ({ amount, currency: 'USD' } satisfies Money) : amount, at(hour)));
        open.push(id);
      } else if (roll < 0.55 && open.length > 0) {
        const account = open[Math.floor(random() * open.length)]!;
        const sale = `R${++sales}`;
        events.push(story.repeatSale(account, sale, 'upsell', 5_000, at(hour)));
        events.push(random() < 0.8 ? story.repeatWon(account, sale, 500 * Math.ceil(random() * 20), at(hour + 0.5)) : story.repeatLost(account, sale, at(hour + 0.5)));
      } else if (roll < 0.6 && open.length > 0) {
        const account = open.splice(Math.floor(random() * open.length), 1)[0]!;
        events.push(story.churn(account, at(hour)));
        churned.push(account);
      } else if (roll < 0.62 && churned.length > 0) {
        const account = churned[Math.floor(random() * churned.length)]!;
        const sale = `R${++sales}`;
        events.push(story.repeatSale(account, sale, 'upsell', 5_000, at(hour)), story.repeatWon(account, sale, 700, at(hour + 0.5)));
      }
    }
    yield events;
  }
}

describe('retention', () => {
  it('keeps the base at the start of a period equal to the base counted account by account, as the history grows', () => {
    const facts = given(story.rep('farmer-1', 'farmer', '2025-12-01T09:00:00Z'));
    let day = 0;
    let compared = 0;
    for (const events of accountDays(200)) {
      then(facts, events);
      day++;
      if (day % 5 !== 0) continue;
      const now = START + day * DAY_MS;
      for (const [from, to] of [
        [Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z')], // a month, kept
        [now - 30 * DAY_MS + 12_345, now], // the last 30 days, ending now
        [now - 7 * DAY_MS - 3_600_000, now - 3_600_000],
        [START + (day % 37) * DAY_MS + 9.5 * 3_600_000, now + DAY_MS], // from within a day of openings
      ] as const) {
        expect({ from: iso(from), ...retention(facts, from, to) }).toMatchObject({ from: iso(from), ...byHand(facts, from, to) });
        compared++;
      }
    }
    expect(compared).toBe(160);
    // The history churned accounts of both currencies and won repeat sales: the comparisons saw all of it.
    const accounts = [...facts.values<AccountFact>('accounts')];
    expect(accounts.filter((a) => a.churnedAt !== undefined && a.openingRevenue.currency === 'USD').length).toBeGreaterThan(2);
    expect(accounts.filter((a) => a.repeatWins.length > 1).length).toBeGreaterThan(10);
  });

  it('leaves out a currency whose accounts have all churned', () => {
    const facts = given(
      story.account('A1', 'D1', 'farmer-1', 100_000, '2026-01-05T10:00:00Z'),
      story.account('A2', 'D2', 'farmer-1', { amount: 2_000, currency: 'USD' }, '2026-01-06T10:00:00Z'),
      story.churn('A2', '2026-02-10T10:00:00Z'),
    );
    const march = retention(facts, Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'));
    expect(march).toMatchObject({ baseAccounts: 1, baseRevenue: { RUB: 100_000 }, grr: { RUB: 1 }, nrr: { RUB: 1 } });
    expect(Object.keys(march.baseRevenue)).toEqual(['RUB']);
    const february = retention(facts, Date.parse('2026-02-01T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z'));
    expect(february).toMatchObject({ baseAccounts: 2, churnedAccounts: 1, churnedRevenue: { USD: 2_000 }, grr: { RUB: 1, USD: 0 } });
  });

  it('answers a period asked for again from what it kept, until a fact in it changes', () => {
    const facts = given(
      story.account('A1', 'D1', 'farmer-1', 100_000, '2026-01-05T10:00:00Z'),
      story.repeatSale('A1', 'R1', 'upsell', 10_000, '2026-02-01T10:00:00Z'),
      story.repeatWon('A1', 'R1', 10_000, '2026-02-03T10:00:00Z'),
      story.repeatSale('A1', 'R2', 'upsell', 10_000, '2026-03-01T10:00:00Z'),
    );
    let walks = 0;
    const counted: DocumentReader = {
      get: (collection, key) => facts.get(collection, key),
      values: (collection) => facts.values(collection),
      overlapping: (collection, from, to) => facts.overlapping(collection, from, to),
      holding: (collection, from, to) => {
        walks++;
        return facts.holding(collection, from, to);
      },
      changeCount: (from, to) => facts.changeCount(from, to),
      timeFloor: (collection) => facts.timeFloor(collection),
      size: (collection) => facts.size(collection),
    };
    const MARCH = [Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z')] as const;
    expect(retention(counted, ...MARCH)).toMatchObject({ baseRevenue: { RUB: 110_000 }, expansionRevenue: {} });
    expect(walks).toBeGreaterThan(0);
    walks = 0;
    expect(retention(counted, ...MARCH)).toMatchObject({ baseRevenue: { RUB: 110_000 }, expansionRevenue: {} });
    expect(walks).toBe(0);
    then(facts, story.repeatWon('A1', 'R2', 25_000, '2026-03-10T10:00:00Z'));
    expect(retention(counted, ...MARCH)).toMatchObject({ baseRevenue: { RUB: 110_000 }, expansionRevenue: { RUB: 25_000 }, accountsWithRepeatSale: 1 });
    expect(walks).toBeGreaterThan(0);
  });
});
