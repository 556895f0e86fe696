/**
 * One figure of the dashboard: its value, and the inputs it was computed from on hover or keyboard focus
 * ("won 12 of 40 closed"), as the API returns them, so that a head of sales can check any number.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface FigureProps {
  readonly label: string;
  readonly value: ComponentChildren;
  /** How the value was computed, in words with its inputs. */
  readonly inputs?: string;
  readonly note?: ComponentChildren;
  readonly testId?: string;
}

export function Figure({ label, value, inputs, note, testId }: FigureProps) {
  const id = useId();
  return (
    <div class="figure" tabIndex={inputs ? 0 : undefined} aria-describedby={inputs ? id : undefined} data-testid={testId}>
      <div class="figure-label">{label}</div>
      <div class="figure-value">{value}</div>
      {note && <div class="figure-note">{note}</div>}
      {inputs && (
        <div class="figure-inputs" role="tooltip" id={id}>
          {inputs}
        </div>
      )}
    </div>
  );
}
