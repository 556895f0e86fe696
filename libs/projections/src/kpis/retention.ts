/**
 * Retention over [from, to): the account base at `from` (accounts opened before it and not churned before it),
 * how many of them churned in the period and with what revenue, how many bought again and for how much; GRR
 * and NRR. An account's revenue at a moment is its opening revenue and its repeat wins before it.
 *
 * The base at `from` is a sum over what happened before it, kept piecewise (piecewise.ts), so that a request
 * walks only the facts of its period and of the day `from` falls in, not every account ever opened with every
 * repeat win it had (at a million events ~5,000 accounts and ~9,000 wins: a fifth of a GET /kpis). Each fact
 * counts for every `from` after its own time; an account churned at or before its opening never counts:
 * - an account opened at o: +1 account, +its opening revenue and its wins up to o;
 * - a repeat win at t, o < t ≤ c (c: when the account churned, if it did): +its amount;
 * - an account churned at c: −1 account, −(its opening revenue and its wins up to c) — from then on it adds nothing.
 * Amounts count in the currency of the account's opening revenue, as an account's revenue always has. A kept
 * piece is kept while no fact holding a time in it changes: an account's change counts on the days of its opening
 * and churn, a win's on the day it was won (its repeat sale's). Only a churn recorded after a win that followed
 * it, on another day, would leave a piece stale: events are recorded in the order they happen.
 */
import type { DocumentReader } from '../engine/projection';
import type { AccountFact, RepeatSaleFact } from './kpi-facts.projection';
import { keptForPeriod, keptPieceStart, piecewise } from './piecewise';
import { CountedMoney, addMoney, mapMoney, ratio, type MoneyByCurrency } from './statistics';

/** An account's opening revenue and its repeat wins up to `moment` (`before`: only those before it). */
function revenueUpTo(account: AccountFact, moment: number, before = false): number {
  let amount = account.openingRevenue.amount;
  for (const win of account.repeatWins) if (win.at < moment || (!before && win.at === moment)) amount += win.amount.amount;
  return amount;
}

/** An account that was in the base at some moment: churned, if at all, after it was opened. */
const everInBase = (account: AccountFact) => account.churnedAt === undefined || account.churnedAt > account.openedAt;

/** The accounts of the repeat sales won in [from, to), each once. */
function accountsWinningIn(facts: DocumentReader, from: number, to: number): AccountFact[] {
  const accounts = new Map<string, AccountFact>();
  for (const sale of facts.holding<RepeatSaleFact>('repeatSales', from, to)) {
    if (sale.wonAt === undefined || sale.wonAt < from || sale.wonAt >= to || accounts.has(sale.accountId)) continue;
    const account = facts.get<AccountFact>('accounts', sale.accountId);
    if (account !== undefined) accounts.set(sale.accountId, account);
  }
  return [...accounts.values()];
}

/** How the facts of [from, to) change the base of every later moment. */
function baseChange(facts: DocumentReader, from: number, to: number): CountedMoney {
  const change = new CountedMoney();
  const within = (time: number | undefined): time is number => time !== undefined && time >= from && time < to;
  for (const account of facts.holding<AccountFact>('accounts', from, to)) {
    if (!everInBase(account)) continue;
    const { currency } = account.openingRevenue;
    if (within(account.openedAt)) change.change(1, currency, revenueUpTo(account, account.openedAt));
    if (within(account.churnedAt)) change.change(-1, currency, -revenueUpTo(account, account.churnedAt));
  }
  for (const account of accountsWinningIn(facts, from, to)) {
    if (!everInBase(account)) continue;
    const { openedAt, churnedAt } = account;
    for (const win of account.repeatWins) {
      if (within(win.at) && win.at > openedAt && (churnedAt === undefined || win.at <= churnedAt)) change.change(0, account.openingRevenue.currency, win.amount.amount);
    }
  }
  return change;
}

/** What the accounts of the base at `from` did in [from, to): churned (with their revenue at `from`), bought again. */
function periodChanges(facts: DocumentReader, from: number, to: number) {
  const inBase = (account: AccountFact) => account.openedAt < from && (account.churnedAt === undefined || account.churnedAt >= from);
  const churnedRevenue: MoneyByCurrency = {};
  let churned = 0;
  for (const account of facts.holding<AccountFact>('accounts', from, to)) {
    if (!inBase(account) || account.churnedAt === undefined || account.churnedAt >= to) continue;
    churned++;
    addMoney(churnedRevenue, account.openingRevenue.currency, revenueUpTo(account, from, true));
  }
  const expansion: MoneyByCurrency = {};
  let withRepeatSale = 0;
  for (const account of accountsWinningIn(facts, from, to)) {
    if (!inBase(account)) continue;
    let expanded = false;
    for (const win of account.repeatWins) {
      if (win.at < from || win.at >= to) continue;
      addMoney(expansion, win.amount.currency, win.amount.amount);
      expanded = true;
    }
    if (expanded) withRepeatSale++;
  }
  return { churned, churnedRevenue, expansion, withRepeatSale };
}

export function retention(facts: DocumentReader, from: number, to: number) {
  const start = keptPieceStart(facts, ['accounts']);
  const base =
    start === undefined || start >= from
      ? new CountedMoney()
      : piecewise(facts, 'retention/base', start, from, (a, b) => baseChange(facts, a, b), (total, piece) => total.add(piece), () => new CountedMoney());
  const baseAccounts = base.count;
  const revenue = base.held();
  const { churned, churnedRevenue, expansion, withRepeatSale } = keptForPeriod(facts, 'retention/period', from, to, () => periodChanges(facts, from, to));
  return {
    baseAccounts,
    churnedAccounts: churned,
    churnRate: ratio(churned, baseAccounts),
    accountsWithRepeatSale: withRepeatSale,
    repeatSaleRate: ratio(withRepeatSale, baseAccounts),
    baseRevenue: revenue,
    churnedRevenue: { ...churnedRevenue },
    expansionRevenue: { ...expansion },
    grr: mapMoney(revenue, (amount, currency) => ratio(amount - (churnedRevenue[currency] ?? 0), amount)),
    nrr: mapMoney(revenue, (amount, currency) => ratio(amount - (churnedRevenue[currency] ?? 0) + (expansion[currency] ?? 0), amount)),
  };
}
