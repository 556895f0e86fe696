/**
 * Figures of a period computed piecewise: every whole calendar month (UTC) and every whole day in it is
 * computed once and kept; the rest (the parts of days at its edges) is computed from the facts each time.
 * A year's KPIs merge twelve kept months instead of walking a year of facts; the last 30 days merge kept
 * days. A kept piece is used only while no fact holding a time in it has changed since
 * (DocumentReader.changeCount counts changes per day, so live writes today leave earlier days kept).
 */
import { DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { addPeriodContributions, type Grouping } from './contributions';
import { PeriodTotals } from './period-totals';

/**
 * Pieces kept per set of facts, the least recently used dropped first, by what they hold: period totals (an
 * accumulator each, with its samples), or one number (a plan's achievement: a dashboard's trend asks for some
 * thirty plans over each of thirteen weeks, a day piece each, which would push every kept total out), or the
 * figure of a whole period that is not a sum of pieces (keptForPeriod: few, as a dashboard asks for the same
 * periods again, and a period ending now is a new one at every request).
 */
const KEPT_PIECES = { totals: 2_000, number: 50_000, period: 100 } as const;
type KeptPieceKind = keyof typeof KEPT_PIECES;

interface Piece {
  readonly from: number;
  readonly to: number;
  /** A whole calendar month or day: kept. */
  readonly whole: boolean;
}

interface KeptPiece {
  readonly changeCount: number;
  readonly value: unknown;
}

const kept = new WeakMap<DocumentReader, Record<KeptPieceKind, Map<string, KeptPiece>>>();
const rosters = new WeakMap<DocumentReader, { signature: string; version: number }>();

/**
 * A number that changes whenever a rep's role changes or a rep joins: part of the name of every figure that
 * depends on roles (grouped by role, plans of a role). A rep's change counts only on the days of its own times
 * (kpi-facts' time fields), so an absence marked today leaves every kept piece kept; a role change moves this
 * number on instead, and the pieces kept under the old one are no longer asked for.
 */
export function rolesVersion(facts: DocumentReader, roles: ReadonlyMap<string, { readonly role: string }>): number {
  let signature = '';
  roles.forEach((rep, id) => (signature += `${id}=${rep.role};`));
  const known = rosters.get(facts);
  if (known === undefined) {
    rosters.set(facts, { signature, version: 0 });
    return 0;
  }
  if (known.signature !== signature) rosters.set(facts, { signature, version: known.version + 1 });
  return rosters.get(facts)!.version;
}

/**
 * Where a figure summed over everything before a moment starts its pieces: the first moment of the month (UTC) of
 * the earliest time the collections' documents may hold; undefined when none holds a time.
 */
export function keptPieceStart(facts: DocumentReader, collections: readonly string[]): number | undefined {
  let floor: number | undefined;
  for (const collection of collections) {
    const each = facts.timeFloor(collection);
    if (each !== undefined && (floor === undefined || each < floor)) floor = each;
  }
  if (floor === undefined) return undefined;
  const date = new Date(floor);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** [from, to) cut into whole calendar months where it can, whole days where it can, and what is left. */
function pieces(from: number, to: number): Piece[] {
  const result: Piece[] = [];
  let start = from;
  while (start < to) {
    const date = new Date(start);
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const dayStart = Math.floor(start / DAY_MS) * DAY_MS;
    let end: number;
    if (start === monthStart && monthEnd <= to) end = monthEnd;
    else if (start === dayStart && dayStart + DAY_MS <= to) end = dayStart + DAY_MS;
    else end = Math.min(dayStart + DAY_MS, to);
    result.push({ from: start, to: end, whole: end - start === DAY_MS || (start === monthStart && end === monthEnd) });
    start = end;
  }
  return result;
}

/**
 * The figure of [from, to): compute() for each piece, kept for the whole ones under `name` (which must name
 * everything the figure depends on besides the facts), combined with add() in time order.
 */
export function piecewise<T>(
  facts: DocumentReader,
  name: string,
  from: number,
  to: number,
  compute: (from: number, to: number) => T,
  add: (total: T, piece: T) => void,
  empty: () => T,
  kind: KeptPieceKind = 'totals',
): T {
  const total = empty();
  for (const piece of pieces(from, to)) {
    add(total, piece.whole ? keptPiece(facts, kind, `${name}@${piece.from}-${piece.to}`, piece, compute) : compute(piece.from, piece.to));
  }
  return total;
}

/** compute(from, to), kept under `name` (which must name everything it depends on besides the facts and the period) while no fact holding a time in [from, to) changes. */
export function keptForPeriod<T>(facts: DocumentReader, name: string, from: number, to: number, compute: (from: number, to: number) => T): T {
  return keptPiece(facts, 'period', `${name}@${from}-${to}`, { from, to, whole: false }, compute);
}

function keptPiece<T>(facts: DocumentReader, kind: KeptPieceKind, key: string, piece: Piece, compute: (from: number, to: number) => T): T {
  let all = kept.get(facts);
  if (all === undefined) kept.set(facts, (all = { totals: new Map(), number: new Map(), period: new Map() }));
  const pieces = all[kind];
  const changeCount = facts.changeCount(piece.from, piece.to - 1);
  const found = pieces.get(key);
  pieces.delete(key);
  if (found !== undefined && found.changeCount === changeCount) {
    pieces.set(key, found);
    return found.value as T;
  }
  const value = compute(piece.from, piece.to);
  pieces.set(key, { changeCount, value });
  if (pieces.size > KEPT_PIECES[kind]) pieces.delete(pieces.keys().next().value!);
  return value;
}

/** What the facts did in [from, to), for the team and per group. */
export function periodTotals(facts: DocumentReader, from: number, to: number, grouping: Grouping, roles: number): PeriodTotals {
  const grouped = grouping.groupBy !== undefined;
  return piecewise(
    facts,
    // Only the grouping by role depends on the reps' roles.
    grouping.groupBy === 'role' ? `totals/role#${roles}` : `totals/${grouping.groupBy ?? 'team'}`,
    from,
    to,
    (pieceFrom, pieceTo) => {
      const totals = new PeriodTotals(grouped);
      addPeriodContributions(totals, facts, pieceFrom, pieceTo, grouping);
      return totals;
    },
    (total, piece) => total.add(piece),
    () => new PeriodTotals(grouped),
  );
}
