/**
 * Where the period will end (GET /kpis/forecast): won so far, plus the open pipeline weighted by how often
 * deals at each stage have been won in the history within the days left, plus what deals not yet opened
 * have brought in as many days; shown with how it was computed, and back-tested: the same forecast made at
 * the same point of earlier periods against what they achieved.
 */
import { Fragment } from 'preact';
import type { Forecast } from '../api/types';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import { hasMessage, t } from '../i18n/i18n';
import { Figure } from '../ui/figure';
import { metricName, planValue, scopeName } from './plan-vs-actual';

type ForecastRow = Forecast['teamNewBusinessRevenue'][number];

function stageLabel(key: string): string {
  const name = `forecast.stage.${key}`;
  return hasMessage(name) ? t(name) : key;
}

function HowComputed({ row }: { readonly row: ForecastRow }) {
  if (row.method === 'run-rate') {
    return (
      <details class="how">
        <summary>{t('forecast.how')}</summary>
        <p>{t('forecast.runRate', { achieved: planValue(row, row.achieved), share: formatPercent(row.runRate?.elapsedShare ?? null) })}</p>
      </details>
    );
  }
  const pipeline = row.pipeline;
  if (!pipeline) return null;
  const rows = [...pipeline.dealStages, ...pipeline.repeatSaleKinds];
  return (
    <details class="how" data-testid="forecast-how">
      <summary>{t('forecast.how')}</summary>
      <p>{t('forecast.pipelineFormula', { days: formatNumber(pipeline.daysLeft, 1), comparables: formatNumber(pipeline.minComparables) })}</p>
      <div class="scroll-x">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('forecast.column.stage')}</th>
            <th scope="col" class="number">{t('forecast.column.open')}</th>
            <th scope="col" class="number">{t('forecast.column.openValue')}</th>
            <th scope="col" class="number">{t('forecast.column.age')}</th>
            <th scope="col" class="number">{t('forecast.column.probability')}</th>
            <th scope="col" class="number">{t('forecast.column.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((stage) => (
            <tr key={stage.key}>
              <th scope="row">{stageLabel(stage.key)}</th>
              <td class="number">{formatNumber(stage.open)}</td>
              <td class="number">{planValue(row, stage.openValue)}</td>
              <td class="number">{stage.ageDays.median === null ? '—' : `${formatNumber(stage.ageDays.median)} / ${formatNumber(stage.ageDays.max)}`}</td>
              <td class="number" title={basisText(stage)}>
                <div>{formatPercent(stage.probability)}</div>
                <div class="muted">{t('forecast.stageOdds', { odds: formatPercent(stage.stageProbability), won: formatNumber(stage.won), total: formatNumber(stage.total) })}</div>
              </td>
              <td class="number">{planValue(row, stage.expected)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" title={t('forecast.newPipelineInputs', { days: formatNumber(pipeline.newPipeline.lookbackDays), deals: formatNumber(pipeline.newPipeline.deals) })}>
              {t('forecast.newPipeline')}
            </th>
            <td class="number">{formatNumber(pipeline.newPipeline.deals)}</td>
            <td />
            <td />
            <td class="number muted">{t('forecast.newPipelineBasis', { days: formatNumber(pipeline.newPipeline.lookbackDays) })}</td>
            <td class="number">{planValue(row, pipeline.newPipeline.expected)}</td>
          </tr>
          <tr>
            <th scope="row">{t('forecast.achieved')}</th>
            <td />
            <td />
            <td />
            <td />
            <td class="number">{planValue(row, row.achieved)}</td>
          </tr>
        </tbody>
      </table>
      </div>
    </details>
  );
}

type StageRow = Pick<NonNullable<ForecastRow['pipeline']>['dealStages'][number], 'basis' | 'bandFromDays'>;

/** Which odds the open deals of a stage were weighted by, in words (only the parts that apply). */
function basisText(stage: StageRow): string {
  const parts: string[] = [];
  if (stage.basis.age > 0) parts.push(t('forecast.basis.age', { count: stage.basis.age }));
  if (stage.basis.band > 0) parts.push(t('forecast.basis.band', { count: stage.basis.band, days: formatNumber(stage.bandFromDays) }));
  if (stage.basis.stage > 0) parts.push(t('forecast.basis.stage', { count: stage.basis.stage }));
  return parts.join('; ');
}

export interface BackTest {
  readonly from: number;
  readonly to: number;
  readonly madeAt: number;
  readonly forecast: Forecast | undefined;
}

function BackTestTable({ tests, currency }: { readonly tests: readonly BackTest[]; readonly currency: string }) {
  return (
    <table data-testid="forecast-backtest">
      <caption>{t('forecast.backtest.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('forecast.backtest.period')}</th>
          <th scope="col" class="number">{t('forecast.backtest.madeAt')}</th>
          <th scope="col" class="number">{t('forecast.backtest.forecast')}</th>
          <th scope="col" class="number">{t('forecast.backtest.actual')}</th>
          <th scope="col" class="number">{t('forecast.backtest.error')}</th>
        </tr>
      </thead>
      <tbody>
        {tests.map((test) => {
          const row = test.forecast?.teamNewBusinessRevenue.find((each) => each.currency === currency);
          const error = row && row.forecast !== null && row.actual > 0 ? (row.forecast - row.actual) / row.actual : null;
          return (
            <tr key={test.from}>
              <th scope="row">
                {formatDate(test.from, 'short')} – {formatDate(test.to - 1, 'short')}
              </th>
              <td class="number">{formatDate(test.madeAt, 'short')}</td>
              <td class="number">{row ? formatMoney(row.forecast, currency) : test.forecast ? '—' : '…'}</td>
              <td class="number">{row ? formatMoney(row.actual, currency) : test.forecast ? '—' : '…'}</td>
              <td class="number">{error === null ? '—' : `${error > 0 ? '+' : ''}${formatPercent(error)}`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ForecastPanel({ forecast, backTests }: { readonly forecast: Forecast; readonly backTests: readonly BackTest[] }) {
  const plans = forecast.plans.filter((plan) => (plan.scope as { kind: string }).kind !== 'rep');
  return (
    <div class="forecast-list" data-testid="forecast">
      <p class="muted">
        {forecast.periodEnded
          ? t('forecast.ended')
          : t('forecast.madeAt', { date: formatDate(forecast.madeAt, 'long'), share: formatPercent(forecast.elapsedShare), days: formatNumber(forecast.daysLeft, 0) })}
      </p>
      {forecast.teamNewBusinessRevenue.length === 0 && <p class="empty">{t('forecast.none')}</p>}
      {forecast.teamNewBusinessRevenue.map((row) => {
        const plan = forecast.plans.find((each) => each.metric === 'new-business-revenue' && (each.scope as { kind: string }).kind === 'team' && each.currency === row.currency);
        return (
          <div key={row.currency} class="forecast-columns">
            <div>
            <div class="figures">
              <Figure
                label={t('forecast.teamNewBusiness')}
                value={planValue(row, row.forecast)}
                inputs={t('forecast.inputs', {
                  achieved: planValue(row, row.achieved),
                  expected: planValue(row, row.pipeline?.expected ?? 0),
                  newPipeline: planValue(row, row.pipeline?.newPipeline.expected ?? 0),
                })}
                testId="forecast-team"
              />
              <Figure label={t('forecast.achievedSoFar')} value={planValue(row, row.actual)} />
              {plan && <Figure label={t('forecast.againstPlan')} value={formatPercent(plan.attainmentForecast)} inputs={t('forecast.planInputs', { target: planValue(plan, plan.target) })} />}
            </div>
            <HowComputed row={row} />
            </div>
            <div>{backTests.length > 0 && row.currency && <BackTestTable tests={backTests} currency={row.currency} />}</div>
          </div>
        );
      })}
      {plans.length > 0 && (
        <table>
          <caption>{t('forecast.plans')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.column.plan')}</th>
              <th scope="col" class="number">{t('forecast.column.forecast')}</th>
              <th scope="col" class="number">{t('plan.column.target')}</th>
              <th scope="col" class="number">{t('plan.column.attainment')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <Fragment key={plan.planId ?? plan.metric}>
                <tr class="has-details">
                  <th scope="row">
                    {metricName(plan.metric)} <span class="muted">· {scopeName(plan.scope)} · {t(plan.method === 'pipeline' ? 'forecast.method.pipeline' : 'forecast.method.runRate')}</span>
                  </th>
                  <td class="number">{planValue(plan, plan.forecast)}</td>
                  <td class="number">{planValue(plan, plan.target)}</td>
                  <td class="number">{formatPercent(plan.attainmentForecast)}</td>
                </tr>
                <tr>
                  <td colSpan={4}>
                    <HowComputed row={plan} />
                  </td>
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
