/**
 * The funnel from captured to won: each stage's count, its conversion from the stage before and the drop-off.
 * Draws what it is given; a click on a stage (in the chart or its row) asks for that stage's leads or deals.
 */
import { useMemo } from 'preact/hooks';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { COLORS } from '../charts/palette';
import { formatNumber, formatPercent } from '../i18n/format';
import { t, type MessageKey } from '../i18n/i18n';

export const FUNNEL_STAGES = ['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelStep {
  readonly stage: FunnelStage;
  readonly count: number;
  /** This stage ÷ the one before; null for the first or when the one before is 0. */
  readonly conversion: number | null;
  readonly dropOff: number;
}

export function funnelSteps(counts: Readonly<Record<FunnelStage, number>>): FunnelStep[] {
  return FUNNEL_STAGES.map((stage, index) => {
    const count = counts[stage];
    const previous = index === 0 ? undefined : counts[FUNNEL_STAGES[index - 1]!];
    return {
      stage,
      count,
      conversion: previous === undefined || previous === 0 ? null : count / previous,
      dropOff: previous === undefined ? 0 : previous - count,
    };
  });
}

export function stageName(stage: FunnelStage): string {
  return t(`funnel.stage.${stage}` as MessageKey);
}

interface FunnelChartProps {
  readonly steps: readonly FunnelStep[];
  readonly selected: FunnelStage | undefined;
  readonly onSelect: (stage: FunnelStage) => void;
  readonly label: string;
}

export function FunnelChart({ steps, selected, onSelect, label }: FunnelChartProps) {
  const option = useMemo<ChartOption>(() => {
    const top = Math.max(1, steps[0]?.count ?? 1);
    return {
      color: COLORS,
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const index = (params as { dataIndex: number }).dataIndex;
          const step = steps[index]!;
          return step.conversion === null
            ? `${stageName(step.stage)}: ${formatNumber(step.count)}`
            : t('funnel.tooltip', { stage: stageName(step.stage), count: formatNumber(step.count), conversion: formatPercent(step.conversion), dropOff: formatNumber(step.dropOff) });
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '2%',
          width: '62%',
          top: 8,
          bottom: 8,
          min: 0,
          max: top,
          minSize: '6%',
          gap: 2,
          // Beside the shape, where a narrow stage's name still fits.
          label: {
            show: true,
            position: 'right',
            color: '#111827',
            formatter: (params: unknown) => {
              const step = steps[(params as { dataIndex: number }).dataIndex]!;
              return `${stageName(step.stage)}  ${formatNumber(step.count)}`;
            },
          },
          itemStyle: { borderWidth: 0 },
          labelLine: { show: true, length: 12, lineStyle: { color: '#9ca3af' } },
          data: steps.map((step, index) => ({
            name: stageName(step.stage),
            value: step.count,
            itemStyle: { color: step.stage === selected ? '#c2410c' : index < 4 ? '#1d4ed8' : '#1e40af', opacity: selected && step.stage !== selected ? 0.75 : 1 },
          })),
        },
      ],
    };
  }, [steps, selected]);

  return (
    <div class="funnel">
      <Chart option={option} label={label} height={300} onSelect={(index) => onSelect(steps[index]!.stage)} testId="funnel-chart" />
      <table class="funnel-table" data-testid="funnel-table">
        <caption class="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funnel.column.stage')}</th>
            <th scope="col" class="number">{t('funnel.column.count')}</th>
            <th scope="col" class="number">{t('funnel.column.conversion')}</th>
            <th scope="col" class="number">{t('funnel.column.dropOff')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.stage} class={step.stage === selected ? 'is-selected' : undefined} data-stage={step.stage}>
              <th scope="row">
                <button type="button" class="link-button" aria-pressed={step.stage === selected} onClick={() => onSelect(step.stage)}>
                  {stageName(step.stage)}
                </button>
              </th>
              <td class="number" data-testid={`funnel-count-${step.stage}`}>{formatNumber(step.count)}</td>
              <td class="number">{formatPercent(step.conversion)}</td>
              <td class="number">{step.conversion === null ? '—' : formatNumber(step.dropOff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
