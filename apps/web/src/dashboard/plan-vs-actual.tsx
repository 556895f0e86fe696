/**
 * Plan against actual for the team's and the roles' plans of the period: attainment, the pace the period
 * asks for (its elapsed share) and, where there is one, the forecast of where it will end. The reps' own
 * plans are on the team page.
 */
import type { KpiReport } from '../api/types';
import { formatDayRange, formatMoney, formatMonth, formatNumber, formatPercent, formatPoints } from '../i18n/format';
import { hasMessage, t } from '../i18n/i18n';
import { roleName } from '../ui/roles';

export type PlanRow = KpiReport['planVsActual'][number];

export function planValue(plan: { currency: string | null }, value: number | null | undefined): string {
  return plan.currency ? formatMoney(value, plan.currency) : formatNumber(value);
}

export function metricName(metric: string): string {
  const key = `plan.metric.${metric}`;
  return hasMessage(key) ? t(key) : metric;
}

export function scopeName(scope: PlanRow['scope'], names: ReadonlyMap<string, string> = new Map()): string {
  const s = scope as { kind: string; role?: string; repId?: string };
  if (s.kind === 'team') return t('plan.scope.team');
  if (s.kind === 'role') return roleName(s.role ?? '', true);
  return names.get(s.repId ?? '') ?? s.repId ?? '';
}

/** A calendar month reads as its name (Oct 2026); any other period as its days. */
export function planPeriodText(periodStart: string, periodEnd: string): string {
  const start = new Date(periodStart);
  const end = Date.parse(periodEnd);
  const nextMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  return start.getUTCDate() === 1 && start.getUTCHours() === 0 && end === nextMonth ? formatMonth(start.getTime()) : formatDayRange(start.getTime(), end);
}

export interface PlanForecast {
  readonly value: number;
  readonly attainment: number | null;
}

interface PlanVsActualProps {
  readonly plans: readonly PlanRow[];
  readonly forecasts: ReadonlyMap<string, PlanForecast>;
}

export function PlanVsActual({ plans, forecasts }: PlanVsActualProps) {
  const shown = plans.filter((plan) => (plan.scope as { kind: string }).kind !== 'rep');
  if (shown.length === 0) return <p class="empty">{t('plan.none')}</p>;
  return (
    <table class="plans" data-testid="plan-vs-actual">
      <caption class="visually-hidden">{t('plan.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('plan.column.plan')}</th>
          <th scope="col" class="bar-column">{t('plan.column.progress')}</th>
          <th scope="col" class="number">{t('plan.column.actual')}</th>
          <th scope="col" class="number">{t('plan.column.target')}</th>
          <th scope="col" class="number">{t('plan.column.attainment')}</th>
          <th scope="col" class="number">{t('plan.column.pace')}</th>
          <th scope="col" class="number">{t('plan.column.forecast')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((plan) => {
          const attainment = plan.attainment ?? 0;
          const gap = plan.attainment === null ? null : plan.attainment - plan.periodElapsed;
          const forecast = forecasts.get(plan.planId);
          const status = gap === null ? 'unknown' : gap >= 0 ? 'ahead' : gap > -0.1 ? 'close' : 'behind';
          return (
            <tr key={plan.planId} data-plan-id={plan.planId}>
              <th scope="row">
                <div>{metricName(plan.metric)}</div>
                <div class="muted">
                  {scopeName(plan.scope)} · {planPeriodText(plan.periodStart, plan.periodEnd)}
                </div>
              </th>
              <td class="bar-column">
                <div
                  class={`progress progress-${status}`}
                  role="meter"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(Math.min(attainment, 1) * 100)}
                  aria-label={t('plan.progressLabel', { attainment: formatPercent(plan.attainment), elapsed: formatPercent(plan.periodElapsed) })}
                >
                  <div class="progress-fill" style={{ width: `${Math.min(attainment, 1) * 100}%` }} />
                  <div class="progress-pace" style={{ left: `${Math.min(plan.periodElapsed, 1) * 100}%` }} title={t('plan.paceMarker', { elapsed: formatPercent(plan.periodElapsed) })} />
                </div>
              </td>
              <td class="number" data-testid="plan-actual">{planValue(plan, plan.actual)}</td>
              <td class="number">{planValue(plan, plan.target)}</td>
              <td class="number" data-testid="plan-attainment">{formatPercent(plan.attainment)}</td>
              <td class={`number status-${status}`} title={t('plan.paceHint', { elapsed: formatPercent(plan.periodElapsed) })}>
                {gap === null ? '—' : `${formatPoints(gap)} ${t(gap >= 0 ? 'plan.ahead' : 'plan.behind')}`}
              </td>
              <td class="number">
                {forecast ? (
                  <>
                    <div>{planValue(plan, forecast.value)}</div>
                    <div class="muted">{formatPercent(forecast.attainment)}</div>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
