/** One rep, as the head of sales sees them: their figures and plans for the period, their queue now (read-only), and what to change about them. */
import { api, unwrap } from '../api/client';
import { roster } from '../app/roster';
import { href, navigate } from '../app/router';
import { can } from '../app/session';
import { useResource } from '../app/use-resource';
import { Money } from '../dashboard/money';
import { metricName, planValue } from '../dashboard/plan-vs-actual';
import { currentViewQuery, kpiQuery, useView, viewKey } from '../dashboard/view-state';
import { formatDate, formatDayRange, formatDays, formatNumber, formatPercent } from '../i18n/format';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { QueueList } from '../queue/queue-list';
import { Figure } from '../ui/figure';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';
import { attainmentClass } from './leaderboard-table';
import { RepManagement } from './rep-management';

const QUEUE_ROLES = ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant'];

export function RepPage({ repId }: { readonly repId: string }) {
  const view = useView();
  const query = kpiQuery(view);
  const live = view.asOf === undefined;
  const board = useResource(`leaderboard|${viewKey(view)}`, (signal) => unwrap(api.GET('/kpis/leaderboard', { params: { query }, signal })), live ? appliedBy('kpi-facts') : 0);
  const row = board.data?.roles.flatMap((group) => group.reps).find((rep) => rep.repId === repId);
  // The rep as the roster has them now (a rep who joined today has no figures for the period yet).
  const entry = roster.value?.find((rep) => rep.repId === repId);
  const role = row?.role ?? entry?.role;
  const queue = useResource(
    role !== undefined && QUEUE_ROLES.includes(role) ? `queue|${role}|${repId}` : null,
    (signal) => unwrap(api.GET('/queues/{role}/{repId}', { params: { path: { role: role as 'hunter', repId }, query: { limit: '200' } }, signal })),
    appliedBy('work-queues'),
  );
  const elapsed = Math.min(1, (view.to - view.from) / (view.periodEnd - view.from));
  const sells = role === 'hunter' || role === 'closer';
  const grows = role === 'farmer' || role === 'kam';
  const prospects = role === 'lead-generator';
  const back = currentViewQuery(view);
  return (
    <>
      <p>
        <a
          href={href('/app/team', back)}
          onClick={(event) => {
            event.preventDefault();
            navigate('/app/team', back);
          }}
        >
          ← {t('team.back')}
        </a>
      </p>
      <div class="page-title">
        <h1 data-testid="rep-name">{row?.name ?? entry?.name ?? repId}</h1>
        {row && <span class="page-subtitle">{roleName(row.role)} · {formatDayRange(view.from, view.to)}</span>}
        {row && !row.available && <span class="badge badge-absent">{row.absentUntil ? t('team.absentUntil', { date: formatDate(row.absentUntil) }) : t('team.absent')}</span>}
      </div>
      {board.data && !row && <p class="empty">{t('team.repNotInPeriod')}</p>}
      <div class="grid">
        {entry && can('team:manage') && <RepManagement rep={entry} />}
        {row && (
          <Panel title={t('team.figures')} wide error={board.error} loading={board.loading}>
            <div class="figures">
              <Figure label={t('team.column.planAttainment')} value={<span class={attainmentClass(row.planAttainment, elapsed)}>{formatPercent(row.planAttainment)}</span>} inputs={t('team.planAttainment.inputs', { count: row.plans.length })} />
              {sells && (
                <>
                  <Figure label={t('kpi.winRate')} value={formatPercent(row.figures.winRate)} inputs={t('kpi.winRate.inputs', { won: row.figures.won, closed: row.figures.won + row.figures.lost })} />
                  <Figure label={t('kpi.newBusinessRevenue')} value={<Money amount={row.figures.revenue.newBusiness} />} inputs={t('team.newBusiness.inputs')} />
                  <Figure label={t('kpi.salesCycle')} value={formatDays(row.figures.medianCycleDays)} />
                  <Figure label={t('team.column.meetings')} value={formatNumber(row.figures.meetingsHeld)} />
                </>
              )}
              {grows && (
                <>
                  <Figure label={t('kpi.repeatRevenue')} value={<Money amount={row.figures.revenue.repeat} />} />
                  <Figure label={t('team.column.touchpoints')} value={formatNumber(row.figures.touchpoints)} />
                </>
              )}
              {prospects && (
                <>
                  <Figure label={t('team.column.qualified')} value={formatNumber(row.figures.leadsQualified)} />
                  <Figure label={t('team.column.attempts')} value={formatNumber(row.figures.attempts)} />
                </>
              )}
              <Figure label={t('team.column.load')} value={formatPercent(row.load)} inputs={t('team.load.inputs', { open: row.openWork, capacity: row.capacity })} />
            </div>
            {row.plans.length > 0 && (
              <table class="plans">
                <caption>{t('team.plans')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('plan.column.plan')}</th>
                    <th scope="col" class="number">{t('plan.column.actual')}</th>
                    <th scope="col" class="number">{t('plan.column.target')}</th>
                    <th scope="col" class="number">{t('plan.column.attainment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {row.plans.map((plan) => (
                    <tr key={plan.planId}>
                      <th scope="row">{metricName(plan.metric)}</th>
                      <td class="number">{planValue(plan, plan.actual)}</td>
                      <td class="number">{planValue(plan, plan.target)}</td>
                      <td class={`number${attainmentClass(plan.attainment, elapsed)}`}>{formatPercent(plan.attainment)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
        )}
        {role !== undefined && QUEUE_ROLES.includes(role) && (
          <Panel title={t('team.queue', { count: queue.data?.total ?? 0 })} wide error={queue.error} loading={queue.loading}>
            <p class="muted">{t('team.queueNow')}</p>
            {queue.data && <QueueList items={queue.data.items} total={queue.data.total} now={Date.now()} />}
          </Panel>
        )}
      </div>
    </>
  );
}
