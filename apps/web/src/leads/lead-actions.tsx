/**
 * What the signed-in role may do to a lead now: only the actions the permission matrix gives it (no button
 * that would answer 403) and that the lead's status allows. Each form sends its command once (command-form.ts)
 * with the revision the page was drawn from; a refusal shows at its field, a version conflict reloads the lead
 * and says what changed, and what the person typed stays.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import type { LeadPage as Lead } from '../api/types';
import { roster } from '../app/roster';
import { can, session } from '../app/session';
import { useCommandForm, type CommandForm, type CommandHeaders } from '../commands/command-form';
import { ChoiceField, Field, valueOf } from '../commands/fields';
import { t } from '../i18n/i18n';
import { ErrorNote } from '../ui/error-note';
import { Panel } from '../ui/panel';
import { historyText } from './lead-history';

type Schemas = components['schemas'];
// The choices the API takes, in the order offered; the type check fails when the API's enums move away from them.
const CHANNELS = ['call', 'email', 'messenger', 'visit'] as const satisfies ReadonlyArray<Schemas['LogContactAttemptDto']['channel']>;
const OUTCOMES = ['reached', 'no-answer', 'left-message', 'callback-requested', 'wrong-contact', 'not-interested'] as const satisfies ReadonlyArray<
  Schemas['LogContactAttemptDto']['outcome']
>;
const REASONS = ['no-budget', 'no-authority', 'no-need', 'bad-timing', 'unreachable', 'duplicate', 'existing-client', 'other'] as const satisfies ReadonlyArray<
  Schemas['DisqualifyLeadDto']['reason']
>;

interface ActionProps {
  readonly lead: Lead;
  /** Called once a command was stored (or refused as stale): the page reads the lead again. */
  readonly onChanged: () => void;
}

/** Whether the signed-in person works this lead: its own lead generator, or the head of sales (the API's rule too). */
function worksLead(lead: Lead): boolean {
  const current = session.value;
  return current.status === 'signed-in' && (current.actor.role === 'head-of-sales' || lead.leadGeneratorId === current.actor.userId);
}

export function LeadActions({ lead, onChanged }: ActionProps) {
  const open = lead.status === 'open';
  // A lead generator's steps on another's lead would be refused (not-lead-owner): not offered.
  const works = worksLead(lead);
  const offered = [
    open && works && can('lead:log-contact-attempt') && 'attempt',
    open && works && can('lead:qualify') && 'qualify',
    open && works && can('lead:disqualify') && 'disqualify',
    lead.status === 'qualified' && works && can('lead:hand-off') && 'hand-off',
    (open || lead.status === 'qualified') && can('lead:assign') && repChoices('lead-generator').some((rep) => rep.value !== lead.leadGeneratorId) && 'assign',
  ].filter((action): action is string => typeof action === 'string');
  if (offered.length === 0) return null;
  return (
    <Panel title={t('lead.actions')} id="lead-actions">
      <div class="actions" data-testid="lead-actions">
        {offered.includes('attempt') && <ContactAttemptForm lead={lead} onChanged={onChanged} />}
        {offered.includes('qualify') && <QualifyForm lead={lead} onChanged={onChanged} />}
        {offered.includes('disqualify') && <DisqualifyForm lead={lead} onChanged={onChanged} />}
        {offered.includes('hand-off') && <HandOffForm lead={lead} onChanged={onChanged} />}
        {offered.includes('assign') && <AssignForm lead={lead} onChanged={onChanged} />}
      </div>
    </Panel>
  );
}

/** The revision a conflict was refused at, and the lines of history the person had not seen. */
interface Conflict {
  readonly seenRevision: number;
}

/**
 * One action's form: a disclosure (closed until wanted), its fields, its submit, its refusal. A version conflict
 * is told with the history lines that came after the revision the form was drawn from.
 */
function ActionForm(props: {
  readonly id: string;
  readonly title: string;
  readonly submitLabel: string;
  readonly lead: Lead;
  readonly form: CommandForm;
  readonly conflict: Conflict | undefined;
  /** The names of the form's fields: a refusal naming one of them shows at its input. */
  readonly fields: readonly string[];
  readonly onSubmit: () => void;
  readonly children: ComponentChildren;
}) {
  const { id, title, submitLabel, lead, form, conflict, fields, onSubmit, children } = props;
  const missed = conflict ? lead.history.filter((line) => line.revision > conflict.seenRevision) : [];
  // A refusal of a field the form has shows at it; any other (a header, the lead's state, no answer) shows here.
  const fieldless = form.error && (form.error.field === undefined || !fields.includes(form.error.field));
  return (
    <details class="action" id={id} data-testid={id}>
      <summary>{title}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {conflict && (
          <div class="error-note" role="alert" data-testid={`${id}-conflict`}>
            <p>{t('command.conflict')}</p>
            {missed.length > 0 && (
              <ul>
                {missed.map((line) => (
                  <li key={line.revision}>{historyText(line)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {fieldless && !conflict && <ErrorNote error={form.error as ApiError} />}
        <button type="submit" class="button" disabled={form.busy} aria-busy={form.busy ? 'true' : undefined}>
          {submitLabel}
        </button>
      </form>
    </details>
  );
}

/** Sends a lead command; on a version conflict, remembers what the form had seen and reloads the lead. */
function useLeadCommand(lead: Lead, onChanged: () => void) {
  const form = useCommandForm();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const send = async <T,>(call: (headers: CommandHeaders) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<boolean> => {
    const seen = lead.revision;
    setConflict(undefined);
    const outcome = await form.submit(call, seen);
    if (outcome.ok) onChanged();
    else if ('error' in outcome && outcome.error.code === 'version-conflict') {
      setConflict({ seenRevision: seen });
      onChanged();
    }
    return outcome.ok;
  };
  return { form, conflict, send };
}

function ContactAttemptForm({ lead, onChanged }: ActionProps) {
  const { form, conflict, send } = useLeadCommand(lead, onChanged);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('call');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('reached');
  const [note, setNote] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  const id = 'lead-attempt';
  return (
    <ActionForm
      id={id}
      title={t('lead.action.attempt')}
      fields={['channel', 'outcome', 'nextAttemptAt', 'note']}
      submitLabel={t('lead.action.attempt.submit')}
      lead={lead}
      form={form}
      conflict={conflict}
      onSubmit={async () => {
        const body = {
          channel,
          outcome,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(callbackAt ? { nextAttemptAt: localToIso(callbackAt) } : {}),
        };
        const done = await send((headers) => api.POST('/leads/{leadId}/contact-attempts', { params: { path: { leadId: lead.leadId } }, body, headers }));
        if (done) {
          setNote('');
          setCallbackAt('');
        }
      }}
    >
      <ChoiceField form={form} formId={id} name="channel" label={t('lead.field.channel')} value={channel} choices={CHANNELS.map((value) => ({ value, label: t(`lead.channel.${value}`) }))} onChange={setChannel} />
      <ChoiceField form={form} formId={id} name="outcome" label={t('lead.field.outcome')} value={outcome} choices={OUTCOMES.map((value) => ({ value, label: t(`lead.outcome.${value}`) }))} onChange={setOutcome} />
      <Field form={form} formId={id} name="nextAttemptAt" label={t('lead.field.callbackAt')}>
        {(attributes) => <input {...attributes} type="datetime-local" value={callbackAt} onInput={(event) => setCallbackAt(valueOf(event))} />}
      </Field>
      <Field form={form} formId={id} name="note" label={t('lead.field.note')}>
        {(attributes) => <textarea {...attributes} rows={3} maxLength={2000} value={note} onInput={(event) => setNote(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

/** A `datetime-local` value (the person's own clock) as the UTC instant the API takes. */
function localToIso(value: string): string {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

function QualifyForm({ lead, onChanged }: ActionProps) {
  const { form, conflict, send } = useLeadCommand(lead, onChanged);
  const currency0 = lead.estimatedValue?.currency ?? 'RUB';
  const [fields, setFields] = useState({
    budget: '',
    budgetCurrency: currency0,
    authority: '',
    need: '',
    timing: '',
    value: lead.estimatedValue ? String(lead.estimatedValue.amount) : '',
    valueCurrency: currency0,
  });
  const set = (name: keyof typeof fields) => (event: Event) => setFields({ ...fields, [name]: valueOf(event) });
  const id = 'lead-qualify';
  const amount = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.replace(/\s/g, '').replace(',', '.')));
  return (
    <ActionForm
      id={id}
      title={t('lead.action.qualify')}
      fields={['budget.amount', 'budget.currency', 'authority', 'need', 'timing', 'estimatedValue.amount', 'estimatedValue.currency']}
      submitLabel={t('lead.action.qualify.submit')}
      lead={lead}
      form={form}
      conflict={conflict}
      onSubmit={() =>
        void send((headers) =>
          api.POST('/leads/{leadId}/qualify', {
            params: { path: { leadId: lead.leadId } },
            // An amount that is not a number goes as it was typed: the API names the field and says why.
            body: {
              budget: { amount: amount(fields.budget), currency: fields.budgetCurrency.trim().toUpperCase() },
              authority: fields.authority.trim(),
              need: fields.need.trim(),
              timing: fields.timing.trim(),
              estimatedValue: { amount: amount(fields.value), currency: fields.valueCurrency.trim().toUpperCase() },
            },
            headers,
          }),
        )
      }
    >
      <MoneyFields form={form} formId={id} name="budget" label={t('lead.field.budget')} amount={fields.budget} currency={fields.budgetCurrency} onAmount={set('budget')} onCurrency={set('budgetCurrency')} />
      <Field form={form} formId={id} name="authority" label={t('lead.field.authority')}>
        {(attributes) => <input {...attributes} maxLength={300} value={fields.authority} onInput={set('authority')} />}
      </Field>
      <Field form={form} formId={id} name="need" label={t('lead.field.need')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={2000} value={fields.need} onInput={set('need')} />}
      </Field>
      <Field form={form} formId={id} name="timing" label={t('lead.field.timing')}>
        {(attributes) => <input {...attributes} maxLength={300} value={fields.timing} onInput={set('timing')} />}
      </Field>
      <MoneyFields form={form} formId={id} name="estimatedValue" label={t('lead.field.value')} amount={fields.value} currency={fields.valueCurrency} onAmount={set('value')} onCurrency={set('valueCurrency')} />
    </ActionForm>
  );
}

/** An amount and its currency (`budget.amount`, `budget.currency`), side by side. */
function MoneyFields(props: {
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

function DisqualifyForm({ lead, onChanged }: ActionProps) {
  const { form, conflict, send } = useLeadCommand(lead, onChanged);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('no-budget');
  const [note, setNote] = useState('');
  const id = 'lead-disqualify';
  return (
    <ActionForm
      id={id}
      title={t('lead.action.disqualify')}
      fields={['reason', 'note']}
      submitLabel={t('lead.action.disqualify.submit')}
      lead={lead}
      form={form}
      conflict={conflict}
      onSubmit={() =>
        void send((headers) =>
          api.POST('/leads/{leadId}/disqualify', { params: { path: { leadId: lead.leadId } }, body: { reason, ...(note.trim() ? { note: note.trim() } : {}) }, headers }),
        )
      }
    >
      <ChoiceField form={form} formId={id} name="reason" label={t('lead.field.reason')} value={reason} choices={REASONS.map((value) => ({ value, label: t(`lead.reason.${value}`) }))} onChange={setReason} />
      <Field form={form} formId={id} name="note" label={t('lead.field.note')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={2000} value={note} onInput={(event) => setNote(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

/** The active reps of a role, as the choices of whom: by name. */
function repChoices(role: string): Array<{ value: string; label: string }> {
  return (roster.value ?? []).filter((rep) => rep.role === role && !rep.left).map((rep) => ({ value: rep.repId, label: rep.name }));
}

function HandOffForm({ lead, onChanged }: ActionProps) {
  const { form, conflict, send } = useLeadCommand(lead, onChanged);
  const [hunterId, setHunterId] = useState('');
  const id = 'lead-hand-off';
  return (
    <ActionForm
      id={id}
      title={t('lead.action.handOff')}
      fields={['hunterId']}
      submitLabel={t('lead.action.handOff.submit')}
      lead={lead}
      form={form}
      conflict={conflict}
      onSubmit={() =>
        void send((headers) => api.POST('/leads/{leadId}/hand-off', { params: { path: { leadId: lead.leadId } }, body: hunterId ? { hunterId } : {}, headers }))
      }
    >
      <ChoiceField
        form={form}
        formId={id}
        name="hunterId"
        label={t('lead.field.hunter')}
        value={hunterId}
        choices={[{ value: '', label: t('lead.field.hunter.leastLoaded') }, ...repChoices('hunter')]}
        onChange={setHunterId}
      />
    </ActionForm>
  );
}

function AssignForm({ lead, onChanged }: ActionProps) {
  const { form, conflict, send } = useLeadCommand(lead, onChanged);
  const choices = repChoices('lead-generator').filter((rep) => rep.value !== lead.leadGeneratorId);
  const [leadGeneratorId, setLeadGeneratorId] = useState('');
  const id = 'lead-assign';
  const chosen = leadGeneratorId || choices[0]?.value || '';
  return (
    <ActionForm
      id={id}
      title={lead.leadGeneratorId ? t('lead.action.reassign') : t('lead.action.assign')}
      fields={['leadGeneratorId']}
      submitLabel={t('lead.action.assign.submit')}
      lead={lead}
      form={form}
      conflict={conflict}
      onSubmit={() => void send((headers) => api.POST('/leads/{leadId}/assign', { params: { path: { leadId: lead.leadId } }, body: { leadGeneratorId: chosen }, headers }))}
    >
      <ChoiceField form={form} formId={id} name="leadGeneratorId" label={t('lead.field.leadGenerator')} value={chosen} choices={choices} onChange={setLeadGeneratorId} />
    </ActionForm>
  );
}
