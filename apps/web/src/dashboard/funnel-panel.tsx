/**
 * The funnel, in two views: the cohort (of the leads captured in the period, how far each has got by now or
 * by the as-of day — no step can exceed 100 %), the default; and the period's activity (what reached each
 * stage within the period, whichever period its lead came from). A stage clicked lists its leads or deals.
 */
import { useMemo, useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { KpiReport } from '../api/types';
import { repName } from '../app/roster';
import { useResource } from '../app/use-resource';
import { formatDateTime, formatMoney, formatNumber } from '../i18n/format';
import { t } from '../i18n/i18n';
import { ErrorNote } from '../ui/error-note';
import { FunnelChart, funnelSteps, stageName, type FunnelStage } from './funnel-chart';
import type { KpiQuery } from './view-state';

export type FunnelView = 'cohort' | 'activity';

interface FunnelPanelProps {
  readonly report: KpiReport;
  readonly query: KpiQuery;
  readonly queryKey: string;
  readonly view: FunnelView;
  readonly onViewChange: (view: FunnelView) => void;
  readonly refresh: unknown;
}

export function FunnelPanel({ report, query, queryKey, view, onViewChange, refresh }: FunnelPanelProps) {
  const [selected, setSelected] = useState<FunnelStage | undefined>();
  // The same steps while the counts are the same: the chart redraws only when they change.
  const counts = view === 'cohort' ? report.cohortFunnel.funnel : report.funnel;
  const steps = useMemo(() => funnelSteps(counts), [JSON.stringify(counts)]);
  const items = useResource(
    selected === undefined ? null : `${queryKey}|${view}|${selected}`,
    (signal) => unwrap(api.GET('/kpis/funnel/{stage}', { params: { path: { stage: selected! }, query: { ...query, view, limit: '100' } }, signal })),
    refresh,
  );
  return (
    <>
      <div class="funnel-views">
        <div class="segmented" role="group" aria-label={t('funnel.viewLabel')}>
          {(['cohort', 'activity'] as const).map((each) => (
            <button key={each} type="button" aria-pressed={view === each} onClick={() => onViewChange(each)} data-testid={`funnel-view-${each}`}>
              {t(each === 'cohort' ? 'funnel.view.cohort' : 'funnel.view.activity')}
            </button>
          ))}
        </div>
        <p class="funnel-note">{t(view === 'cohort' ? 'funnel.note.cohort' : 'funnel.note.activity')}</p>
      </div>
      {steps[0]!.count === 0 ? (
        <p class="empty">{t(view === 'cohort' ? 'funnel.empty.cohort' : 'funnel.empty.activity')}</p>
      ) : (
      <FunnelChart
        steps={steps}
        selected={selected}
        onSelect={(stage) => setSelected((current) => (current === stage ? undefined : stage))}
        label={t(view === 'cohort' ? 'funnel.chartLabel.cohort' : 'funnel.chartLabel.activity', {
          stages: steps.map((step) => `${stageName(step.stage)} ${step.count}`).join(', '),
        })}
      />
      )}
      {selected !== undefined && (
        <div class="drilldown" data-testid="funnel-drilldown" aria-live="polite">
          <h3>
            {t('funnel.drilldown.title', { stage: stageName(selected), count: items.data?.total ?? 0 })}
            <button type="button" class="button-quiet" onClick={() => setSelected(undefined)}>
              {t('funnel.drilldown.close')}
            </button>
          </h3>
          {items.error && <ErrorNote error={items.error} />}
          {items.data && items.data.items.length === 0 && <p class="empty">{t('funnel.drilldown.empty')}</p>}
          {items.data && items.data.items.length > 0 && (
            <div class="drilldown-list">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('funnel.drilldown.company')}</th>
                    <th scope="col">{t('funnel.drilldown.kind')}</th>
                    <th scope="col">{t('funnel.drilldown.reachedAt')}</th>
                    <th scope="col">{t('funnel.drilldown.owner')}</th>
                    <th scope="col" class="number">{t('funnel.drilldown.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">{item.company ?? '—'}</th>
                      <td>{t(item.kind === 'lead' ? 'funnel.drilldown.lead' : 'funnel.drilldown.deal')}</td>
                      <td>{formatDateTime(item.reachedAt)}</td>
                      <td>{item.repId === null ? t('funnel.drilldown.unassigned') : (repName(item.repId) ?? item.repId)}</td>
                      <td class="number">{item.value ? formatMoney(item.value.amount, item.value.currency) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {items.data.total > items.data.items.length && (
                <p class="muted">{t('funnel.drilldown.more', { shown: formatNumber(items.data.items.length), total: formatNumber(items.data.total) })}</p>
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}
