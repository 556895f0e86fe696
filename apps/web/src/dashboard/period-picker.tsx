/**
 * The period and the as-of day of the dashboard. Every change goes to the URL (so a link shows the same view);
 * a bad day or range is said at the input it concerns, from the page's own checks or from the API's answer.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n/i18n';
import { formatDate } from '../i18n/format';
import { PERIOD_PRESETS, dayText, type DashboardView, type PeriodPreset } from './period';

interface PeriodPickerProps {
  readonly view: DashboardView;
  /** A problem the API found with a field of the query (from, to, asOf). */
  readonly apiProblem?: { readonly field: string; readonly message: string } | undefined;
  readonly today: number;
  readonly onChange: (next: { preset: PeriodPreset; days: { from: string; to: string; asOf?: string | undefined } }) => void;
}

const PROBLEM_KEYS: Record<'invalid' | 'order' | 'future', MessageKey> = {
  invalid: 'period.problem.invalid',
  order: 'period.problem.order',
  future: 'period.problem.future',
};

export function PeriodPicker({ view, apiProblem, today, onChange }: PeriodPickerProps) {
  const [from, setFrom] = useState(view.days.from);
  const [to, setTo] = useState(view.days.to);
  useEffect(() => {
    setFrom(view.days.from);
    setTo(view.days.to);
  }, [view.days.from, view.days.to]);

  const problemAt = (field: 'from' | 'to' | 'asOf'): string | undefined => {
    if (view.problem?.field === field) return t(PROBLEM_KEYS[view.problem.reason]);
    if (apiProblem?.field === field) return apiProblem.message;
    return undefined;
  };
  const asOfProblem = problemAt('asOf');
  const rangeProblem = problemAt('from') ?? problemAt('to');

  return (
    <form
      class="period-picker"
      aria-label={t('period.label')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ preset: 'custom', days: { from, to, asOf: view.days.asOf } });
      }}
    >
      <fieldset class="presets">
        <legend>{t('period.label')}</legend>
        {PERIOD_PRESETS.filter((preset) => preset !== 'custom').map((preset) => (
          <label key={preset} class={`preset${view.preset === preset ? ' is-selected' : ''}`}>
            <input
              type="radio"
              name="period"
              value={preset}
              checked={view.preset === preset}
              onChange={() => onChange({ preset, days: { ...view.days } })}
            />
            {t(`period.preset.${preset}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div class="custom-range">
        <label>
          <span>{t('period.from')}</span>
          <input type="date" value={from} max={dayText(today)} aria-invalid={problemAt('from') ? 'true' : undefined} aria-describedby="range-problem" onInput={(event) => setFrom((event.target as HTMLInputElement).value)} data-testid="period-from" />
        </label>
        <label>
          <span>{t('period.to')}</span>
          <input type="date" value={to} aria-invalid={problemAt('to') ? 'true' : undefined} aria-describedby="range-problem" onInput={(event) => setTo((event.target as HTMLInputElement).value)} data-testid="period-to" />
        </label>
        <button type="submit" class="button-secondary">
          {t('period.apply')}
        </button>
        {rangeProblem && (
          <p class="field-problem" id="range-problem" role="alert">
            {rangeProblem}
          </p>
        )}
      </div>
      <div class="as-of">
        <label>
          <span>{t('period.asOf')}</span>
          <input
            type="date"
            value={view.days.asOf ?? ''}
            max={dayText(today)}
            aria-invalid={asOfProblem ? 'true' : undefined}
            aria-describedby={asOfProblem ? 'as-of-problem' : 'as-of-hint'}
            data-testid="as-of"
            onChange={(event) => onChange({ preset: view.preset, days: { ...view.days, asOf: (event.target as HTMLInputElement).value || undefined } })}
          />
        </label>
        {view.days.asOf && (
          <button type="button" class="button-quiet" onClick={() => onChange({ preset: view.preset, days: { ...view.days, asOf: undefined } })} data-testid="as-of-clear">
            {t('period.asOfClear')}
          </button>
        )}
        {asOfProblem ? (
          <p class="field-problem" id="as-of-problem" role="alert">
            {asOfProblem}
          </p>
        ) : (
          <p class="hint" id="as-of-hint">
            {view.asOf === undefined ? t('period.asOfHint') : t('period.asOfActive', { date: formatDate(view.asOf, 'long') })}
          </p>
        )}
      </div>
    </form>
  );
}
