/** Labelled inputs of a command form; a field the API refused shows why, tied to its input for screen readers. */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import type { CommandForm } from './command-form';

interface FieldProps {
  readonly form: CommandForm;
  /** The field's name in the command's body (`budget.amount`): the API names it when it refuses it. */
  readonly name: string;
  readonly label: string;
  /** The form's own id, so that two forms on a page never share an input id. */
  readonly formId: string;
  readonly children: (attributes: InputAttributes) => ComponentChildren;
}

export interface InputAttributes {
  readonly id: string;
  readonly name: string;
  readonly 'aria-invalid'?: 'true';
  readonly 'aria-describedby'?: string;
}

export function Field({ form, name, label, formId, children }: FieldProps) {
  const id = `${formId}-${name.replace(/\./g, '-')}`;
  const problem = form.fieldError(name);
  const attributes: InputAttributes = { id, name, ...(problem ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-problem` } : {}) };
  return (
    <div class={`field${problem ? ' has-problem' : ''}`}>
      <label for={id}>{label}</label>
      {children(attributes)}
      {problem && (
        <p class="field-problem" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}

/** The value of an input from its change event. */
export const valueOf = (event: Event): string => (event.target as HTMLInputElement).value;

/** A field with a fixed set of choices, each shown in words. */
export function ChoiceField<Value extends string>(props: {
  readonly form: CommandForm;
  readonly formId: string;
  readonly name: string;
  readonly label: string;
  readonly value: Value;
  readonly choices: ReadonlyArray<{ readonly value: Value; readonly label: string }>;
  readonly onChange: (value: Value) => void;
}) {
  const { value, choices, onChange, ...field } = props;
  return (
    <Field {...field}>
      {(attributes) => (
        <select {...attributes} value={value} onChange={(event) => onChange(valueOf(event) as Value)}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An amount and its currency (`budget.amount`, `budget.currency`), side by side. */
export function MoneyFields(props: {
  readonly form: CommandForm;
  readonly formId: string;
  readonly name: string;
  readonly label: string;
  readonly amount: string;
  readonly currency: string;
  readonly onAmount: (event: Event) => void;
  readonly onCurrency: (event: Event) => void;
}) {
  const { form, formId, name, label } = props;
  return (
    <div class="field-row">
      <Field form={form} formId={formId} name={`${name}.amount`} label={label}>
        {(attributes) => <input {...attributes} inputMode="decimal" value={props.amount} onInput={props.onAmount} />}
      </Field>
      <Field form={form} formId={formId} name={`${name}.currency`} label={t('lead.field.currency')}>
        {(attributes) => <input {...attributes} class="currency" maxLength={3} value={props.currency} onInput={props.onCurrency} />}
      </Field>
    </div>
  );
}

/** An amount as typed ("480 000,50") as a number; NaN when it is none, which the API refuses at its field. */
export const amountOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.replace(/\s/g, '').replace(',', '.')));

/** A `datetime-local` value (the person's own clock) as the UTC instant the API takes; as typed when it is none. */
export function localToIso(value: string): string {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** A date input's value (YYYY-MM-DD) as the start or the end of that day in the person's own time zone, in UTC; as typed when it is none. */
export function dayToIso(value: string, edge: 'start' | 'end'): string {
  const at = new Date(`${value}T${edge === 'start' ? '00:00:00' : '23:59:59'}`);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}
