/**
 * The hunter/farmer balance: revenue from new clients (hunters and closers) against repeat revenue (farmers
 * and KAMs), per currency, with the headcount, capacity and load of every role at the end of the period.
 */
import { useMemo } from 'preact/hooks';
import type { KpiReport } from '../api/types';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { formatCompact, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import { t } from '../i18n/i18n';
import { ROLE_ORDER, roleName } from '../ui/roles';
import { currencies } from './money';

export function RevenueBalance({ balance }: { readonly balance: KpiReport['balance'] }) {
  const list = currencies(balance.newBusinessRevenue, balance.repeatRevenue);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCompact(value) } },
      yAxis: { type: 'category', data: list },
      series: [
        { type: 'bar', stack: 'revenue', name: t('balance.newBusiness'), color: '#1d4ed8', data: list.map((c) => balance.newBusinessRevenue[c] ?? 0) },
        { type: 'bar', stack: 'revenue', name: t('balance.repeat'), color: '#047857', data: list.map((c) => balance.repeatRevenue[c] ?? 0) },
      ],
    }),
    [balance, list.join()],
  );
  const roles = ROLE_ORDER.filter((role) => balance.byRole[role] !== undefined);
  return (
    <div class="balance">
      {list.length > 0 ? (
        <>
          <Chart option={option} label={t('balance.chartLabel')} height={60 + list.length * 44} />
          <ul class="balance-shares">
            {list.map((currency) => (
              <li key={currency}>
                {t('balance.share', {
                  share: formatPercent(balance.newBusinessShare[currency] ?? null),
                  newBusiness: formatMoney(balance.newBusinessRevenue[currency] ?? 0, currency),
                  repeat: formatMoney(balance.repeatRevenue[currency] ?? 0, currency),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="empty">{t('balance.noRevenue')}</p>
      )}
      <table class="roles" data-testid="roles-table">
        <caption>{t('balance.rolesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('balance.column.role')}</th>
            <th scope="col" class="number">{t('balance.column.headcount')}</th>
            <th scope="col" class="number">{t('balance.column.openWork')}</th>
            <th scope="col" class="number">{t('balance.column.capacity')}</th>
            <th scope="col" class="number">{t('balance.column.load')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => {
            const staff = balance.byRole[role]!;
            return (
              <tr key={role}>
                <th scope="row">{roleName(role, true)}</th>
                <td class="number">{formatNumber(staff.headcount)}</td>
                <td class="number">{formatNumber(staff.openWork)}</td>
                <td class="number">{formatNumber(staff.capacity)}</td>
                <td class={`number${(staff.load ?? 0) > 1 ? ' status-behind' : ''}`}>{formatPercent(staff.load)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
