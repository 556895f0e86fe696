/**
 * The leaderboard: every rep of the period by role, sortable by any column (within each role, which is how a
 * head of sales compares people), with plan attainment, availability, capacity and load from the roster.
 */
import { useState } from 'preact/hooks';
import type { Leaderboard } from '../api/types';
import { href, navigate } from '../app/router';
import { formatDate, formatNumber, formatPercent } from '../i18n/format';
import { t, type MessageKey } from '../i18n/i18n';
import { currencies, moneyText } from '../dashboard/money';
import { roleName } from '../ui/roles';

export type LeaderboardRow = Leaderboard['roles'][number]['reps'][number];

type Column = {
  readonly key: string;
  /** The roles the figure means something for; other roles show a dash, not a misleading 0. */
  readonly roles?: readonly string[];
  readonly label: MessageKey;
  readonly value: (row: LeaderboardRow) => number | string | null;
  readonly show: (row: LeaderboardRow) => string;
  readonly numeric: boolean;
};

function firstCurrencyAmount(amounts: Readonly<Record<string, number>>): number {
  const [currency] = currencies(amounts);
  return currency === undefined ? 0 : amounts[currency]!;
}

const PROSPECTORS = ['lead-generator'];
const SELLERS = ['hunter', 'closer'];
const GROWERS = ['farmer', 'kam'];

export const LEADERBOARD_COLUMNS: readonly Column[] = [
  { key: 'name', label: 'team.column.rep', value: (r) => r.name, show: (r) => r.name, numeric: false },
  { key: 'planAttainment', label: 'team.column.planAttainment', value: (r) => r.planAttainment, show: (r) => formatPercent(r.planAttainment), numeric: true },
  { key: 'won', label: 'team.column.won', roles: SELLERS, value: (r) => r.figures.won, show: (r) => formatNumber(r.figures.won), numeric: true },
  { key: 'winRate', label: 'team.column.winRate', roles: SELLERS, value: (r) => r.figures.winRate, show: (r) => formatPercent(r.figures.winRate), numeric: true },
  { key: 'newBusiness', label: 'team.column.newBusiness', roles: SELLERS, value: (r) => firstCurrencyAmount(r.figures.revenue.newBusiness), show: (r) => (currencies(r.figures.revenue.newBusiness).length ? moneyText(r.figures.revenue.newBusiness) : '—'), numeric: true },
  { key: 'repeat', label: 'team.column.repeat', roles: GROWERS, value: (r) => firstCurrencyAmount(r.figures.revenue.repeat), show: (r) => (currencies(r.figures.revenue.repeat).length ? moneyText(r.figures.revenue.repeat) : '—'), numeric: true },
  { key: 'qualified', label: 'team.column.qualified', roles: PROSPECTORS, value: (r) => r.figures.leadsQualified, show: (r) => formatNumber(r.figures.leadsQualified), numeric: true },
  { key: 'attempts', label: 'team.column.attempts', roles: PROSPECTORS, value: (r) => r.figures.attempts, show: (r) => formatNumber(r.figures.attempts), numeric: true },
  { key: 'meetings', label: 'team.column.meetings', roles: SELLERS, value: (r) => r.figures.meetingsHeld, show: (r) => formatNumber(r.figures.meetingsHeld), numeric: true },
  { key: 'touchpoints', label: 'team.column.touchpoints', roles: GROWERS, value: (r) => r.figures.touchpoints, show: (r) => formatNumber(r.figures.touchpoints), numeric: true },
  { key: 'load', label: 'team.column.load', value: (r) => r.load, show: (r) => `${formatNumber(r.openWork)} / ${formatNumber(r.capacity)} · ${formatPercent(r.load)}`, numeric: true },
];

interface Sort {
  readonly key: string;
  readonly descending: boolean;
}

export function sortRows(rows: readonly LeaderboardRow[], sort: Sort | undefined): LeaderboardRow[] {
  if (sort === undefined) return [...rows];
  const column = LEADERBOARD_COLUMNS.find((each) => each.key === sort.key)!;
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    // Missing values (no plan, no closed deal) go last whichever way the column is sorted.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * direction || a.name.localeCompare(b.name);
  });
}

interface LeaderboardTableProps {
  readonly roles: Leaderboard['roles'];
  readonly query: Record<string, string | undefined>;
  /** The share of the period elapsed: attainment is judged against it. */
  readonly elapsed: number;
}

export function LeaderboardTable({ roles, query, elapsed }: LeaderboardTableProps) {
  const [sort, setSort] = useState<Sort | undefined>();
  const toggle = (key: string) =>
    setSort((current) => (current?.key === key ? { key, descending: !current.descending } : { key, descending: key !== 'name' }));
  return (
    <table class="leaderboard" data-testid="leaderboard">
      <caption class="visually-hidden">{t('team.caption')}</caption>
      <thead>
        <tr>
          {LEADERBOARD_COLUMNS.map((column) => (
            <th
              key={column.key}
              scope="col"
              class={column.numeric ? 'number' : undefined}
              aria-sort={sort?.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
            >
              <button type="button" onClick={() => toggle(column.key)} data-sort={column.key}>
                {t(column.label)}
                <span aria-hidden="true">{sort?.key === column.key ? (sort.descending ? '▼' : '▲') : '↕'}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      {roles.map((group) => (
        <tbody key={group.role} data-role={group.role}>
          <tr class="role-row">
            <th scope="rowgroup" colSpan={LEADERBOARD_COLUMNS.length}>
              {roleName(group.role, true)} · {formatNumber(group.reps.length)}
            </th>
          </tr>
          {sortRows(group.reps, sort).map((row) => (
            <tr key={row.repId} data-rep-id={row.repId}>
              {LEADERBOARD_COLUMNS.map((column, index) =>
                index === 0 ? (
                  <th scope="row" key={column.key}>
                    <a
                      href={href(`/app/team/${encodeURIComponent(row.repId)}`, query)}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(`/app/team/${encodeURIComponent(row.repId)}`, query);
                      }}
                    >
                      {row.name}
                    </a>{' '}
                    {!row.available && (
                      <span class="badge badge-absent" title={row.absentUntil ? t('team.absentUntil', { date: formatDate(row.absentUntil) }) : undefined}>
                        {t('team.absent')}
                      </span>
                    )}
                  </th>
                ) : (
                  <td key={column.key} class={`number${column.key === 'planAttainment' ? attainmentClass(row.planAttainment, elapsed) : ''}`}>
                    {column.roles === undefined || column.roles.includes(row.role) ? column.show(row) : <><span aria-hidden="true">·</span><span class="visually-hidden">{t('team.notForRole')}</span></>}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

/** Ahead of the pace the period asks for, close to it (within 10 points), or behind. */
export function attainmentClass(attainment: number | null, elapsed: number): string {
  if (attainment === null) return '';
  const gap = attainment - elapsed;
  return gap >= 0 ? ' status-ahead' : gap > -0.1 ? ' status-close' : ' status-behind';
}
