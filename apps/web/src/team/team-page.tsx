/** The team: a leaderboard per rep, by role, for the period and as-of of the URL (the dashboard's); the department, for whoever manages it. */
import { api, unwrap } from '../api/client';
import { can } from '../app/session';
import { useResource } from '../app/use-resource';
import { Downloads } from '../dashboard/downloads';
import { PeriodPicker } from '../dashboard/period-picker';
import { changeView, currentViewQuery, isRunning, kpiQuery, useView, viewKey } from '../dashboard/view-state';
import { formatDayRange, formatPercent } from '../i18n/format';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { Panel } from '../ui/panel';
import { LeaderboardTable } from './leaderboard-table';
import { RosterPanel } from './roster-panel';

export function TeamPage() {
  const view = useView();
  const query = kpiQuery(view);
  const live = view.asOf === undefined;
  const board = useResource(`leaderboard|${viewKey(view)}`, (signal) => unwrap(api.GET('/kpis/leaderboard', { params: { query }, signal })), live ? appliedBy('kpi-facts') : 0);
  const elapsed = Math.min(1, (view.to - view.from) / (view.periodEnd - view.from));
  return (
    <>
      <div class="page-title">
        <h1>{t('team.title')}</h1>
        <span class="page-subtitle">
          {formatDayRange(view.from, view.to)}
          {isRunning(view) ? ` · ${t('period.toDate', { share: formatPercent(elapsed) })}` : ''}
        </span>
      </div>
      <div class="toolbar">
        <PeriodPicker view={view} today={view.reference} apiProblem={board.error?.field ? { field: board.error.field, message: board.error.message } : undefined} onChange={(next) => changeView('/app/team', next)} />
        <Downloads query={query} content="leaderboard" />
      </div>
      <div class="grid">
        <Panel title={t('team.leaderboard')} wide error={board.error?.field ? undefined : board.error} loading={board.loading}>
          {board.data && <LeaderboardTable roles={board.data.roles} query={currentViewQuery(view)} elapsed={elapsed} />}
        </Panel>
        {can('team:manage') && <RosterPanel />}
      </div>
    </>
  );
}
