/**
 * The team leaderboard as a spreadsheet table, one row per rep in the order given (the leaderboard route
 * ranks them). Written against the minimal row below rather than the route's own type, which is being
 * written in parallel: any row with these fields will do.
 *
 * A rep's name comes from the roster and is a person's name: it belongs in the file the head of sales
 * downloads, and nowhere else: nothing here logs, and neither should a caller log a table or a row.
 */
import { resolveView, viewCaption, type ExportView } from './export-view';
import { currenciesOf, type CellValue, type SpreadsheetColumn, type SpreadsheetTable } from './spreadsheet-table';

type MoneyByCurrency = Readonly<Record<string, number>>;

export interface LeaderboardRow {
  readonly repId: string;
  /** From the roster; null when the roster has none. */
  readonly name: string | null;
  readonly role: string;
  /** False while the rep is marked absent. */
  readonly available: boolean;
  readonly capacity: number;
  readonly openWork: number;
  /** Open work ÷ capacity; null with no capacity. */
  readonly load: number | null;
  /** The rep's plans' attainment, a fraction; null without a plan. */
  readonly planAttainment: number | null;
  readonly figures: {
    readonly won: number;
    readonly lost: number;
    readonly winRate: number | null;
    readonly newBusinessRevenue: MoneyByCurrency;
    readonly repeatRevenue: MoneyByCurrency;
    readonly meetingsHeld: number;
    readonly attempts: number;
    readonly touchpoints: number;
  };
}

/**
 * Columns: rep id, name, role, available (yes / no), capacity, open work, load, plan attainment, won, lost,
 * win rate, then new-business and repeat revenue with one column per currency any rep has (0 for a rep
 * without revenue in it), then meetings held, attempts and touchpoints. With a view, the title says the
 * period and as-of.
 */
export function leaderboardTable(rows: readonly LeaderboardRow[], view?: ExportView): SpreadsheetTable {
  const newBusiness = currenciesOf(...rows.map((row) => row.figures.newBusinessRevenue));
  const repeat = currenciesOf(...rows.map((row) => row.figures.repeatRevenue));
  const columns: SpreadsheetColumn[] = [
    { key: 'repId', header: 'Rep id', kind: 'text' },
    { key: 'name', header: 'Name', kind: 'text' },
    { key: 'role', header: 'Role', kind: 'text' },
    { key: 'available', header: 'Available', kind: 'text' },
    { key: 'capacity', header: 'Capacity', kind: 'integer' },
    { key: 'openWork', header: 'Open work', kind: 'integer' },
    { key: 'load', header: 'Load', kind: 'percent' },
    { key: 'planAttainment', header: 'Plan attainment', kind: 'percent' },
    { key: 'won', header: 'Won', kind: 'integer' },
    { key: 'lost', header: 'Lost', kind: 'integer' },
    { key: 'winRate', header: 'Win rate', kind: 'percent' },
    ...newBusiness.map((currency) => ({ key: `newBusinessRevenue.${currency}`, header: `New-business revenue, ${currency}`, kind: 'money' as const, currency })),
    ...repeat.map((currency) => ({ key: `repeatRevenue.${currency}`, header: `Repeat revenue, ${currency}`, kind: 'money' as const, currency })),
    { key: 'meetingsHeld', header: 'Meetings held', kind: 'integer' },
    { key: 'attempts', header: 'Contact attempts', kind: 'integer' },
    { key: 'touchpoints', header: 'Touchpoints', kind: 'integer' },
  ];
  const tableRows = rows.map((row) => {
    const cells: Record<string, CellValue> = {
      repId: row.repId,
      name: row.name,
      role: row.role,
      available: row.available ? 'yes' : 'no',
      capacity: row.capacity,
      openWork: row.openWork,
      load: row.load,
      planAttainment: row.planAttainment,
      won: row.figures.won,
      lost: row.figures.lost,
      winRate: row.figures.winRate,
      meetingsHeld: row.figures.meetingsHeld,
      attempts: row.figures.attempts,
      touchpoints: row.figures.touchpoints,
    };
    for (const currency of newBusiness) cells[`newBusinessRevenue.${currency}`] = row.figures.newBusinessRevenue[currency] ?? 0;
    for (const currency of repeat) cells[`repeatRevenue.${currency}`] = row.figures.repeatRevenue[currency] ?? 0;
    return cells;
  });
  const title = view === undefined ? 'Team leaderboard' : `Team leaderboard, ${viewCaption(resolveView(view))}`;
  return { name: 'Leaderboard', title, columns, rows: tableRows };
}
