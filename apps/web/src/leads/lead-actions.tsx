/**
 * What the signed-in role may do to a lead now: only the actions the permission matrix gives it (no button
 * that would answer 403) and that the lead's status allows. Each form sends its command once (command-form.ts)
 * with the revision the page was drawn from; a refusal shows at its field, a version conflict reloads the lead
 * and says what changed, and what the person typed stays.
 */
import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { CallScripts, LeadPage as Lead } from '../api/types';
import { repChoices } from '../app/roster';
import { can, session } from '../app/session';
import { useResource } from '../app/use-resource';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { amountOf, ChoiceField, Field, localToIso, MoneyFields, valueOf } from '../commands/fields';
import { t } from '../i18n/i18n';
import { Panel } from '../ui/panel';

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

const loadScripts = (signal: AbortSignal) => unwrap(api.GET('/call-scripts', { signal }));

/**
 * A contact attempt, made by one of the call scripts in use (its steps shown beside the fields, its version
 * recorded with the attempt) or by none.
 */
function ContactAttemptForm({ lead, onChanged }: ActionProps) {
  const command = useItemCommand(lead, onChanged);
  const { form, send } = command;
  const scripts = useResource(can('call-script:read') ? 'call-scripts' : null, loadScripts).data?.scripts ?? [];
  const [picked, setPicked] = useState<string | undefined>();
  // The first script in use until the person picks another, or none.
  const scriptId = picked ?? scripts[0]?.scriptId ?? '';
  const script: CallScripts['scripts'][number] | undefined = scripts.find((each) => each.scriptId === scriptId);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('call');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('reached');
  const [note, setNote] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  const id = 'lead-attempt';
  return (
    <ActionForm
      id={id}
      title={t('lead.action.attempt')}
      fields={['channel', 'outcome', 'nextAttemptAt', 'note', 'script.scriptId']}
      submitLabel={t('lead.action.attempt.submit')}
      item={lead}
      command={command}
      onSubmit={async () => {
        const body = {
          channel,
          outcome,
          ...(script ? { script: { scriptId: script.scriptId, version: script.version } } : {}),
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
      {scripts.length > 0 && (
        <>
          <ChoiceField
            form={form}
            formId={id}
            name="script.scriptId"
            label={t('lead.field.script')}
            value={scriptId}
            choices={[...scripts.map((each) => ({ value: each.scriptId, label: t('lead.script.choice', { title: each.title, version: String(each.version) }) })), { value: '', label: t('lead.script.none') }]}
            onChange={setPicked}
          />
          {script && (
            <ol class="script-steps" data-testid="lead-script-steps" aria-label={t('lead.script.steps', { title: script.title })}>
              {script.steps.map((step, index) => (
                <li key={index}>{step}</li>
              ))}
            </ol>
          )}
        </>
      )}
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

function QualifyForm({ lead, onChanged }: ActionProps) {
  const command = useItemCommand(lead, onChanged);
  const { form, send } = command;
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
  return (
    <ActionForm
      id={id}
      title={t('lead.action.qualify')}
      fields={['budget.amount', 'budget.currency', 'authority', 'need', 'timing', 'estimatedValue.amount', 'estimatedValue.currency']}
      submitLabel={t('lead.action.qualify.submit')}
      item={lead}
      command={command}
      onSubmit={() =>
        void send((headers) =>
          api.POST('/leads/{leadId}/qualify', {
            params: { path: { leadId: lead.leadId } },
            // An amount that is not a number goes as it was typed: the API names the field and says why.
            body: {
              budget: { amount: amountOf(fields.budget), currency: fields.budgetCurrency.trim().toUpperCase() },
              authority: fields.authority.trim(),
              need: fields.need.trim(),
              timing: fields.timing.trim(),
              estimatedValue: { amount: amountOf(fields.value), currency: fields.valueCurrency.trim().toUpperCase() },
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

function DisqualifyForm({ lead, onChanged }: ActionProps) {
  const command = useItemCommand(lead, onChanged);
  const { form, send } = command;
  const [reason, setReason] = useState<(typeof REASONS)[number]>('no-budget');
  const [note, setNote] = useState('');
  const id = 'lead-disqualify';
  return (
    <ActionForm
      id={id}
      title={t('lead.action.disqualify')}
      fields={['reason', 'note']}
      submitLabel={t('lead.action.disqualify.submit')}
      item={lead}
      command={command}
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

function HandOffForm({ lead, onChanged }: ActionProps) {
  const command = useItemCommand(lead, onChanged);
  const { form, send } = command;
  const [hunterId, setHunterId] = useState('');
  const id = 'lead-hand-off';
  return (
    <ActionForm
      id={id}
      title={t('lead.action.handOff')}
      fields={['hunterId']}
      submitLabel={t('lead.action.handOff.submit')}
      item={lead}
      command={command}
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
  const command = useItemCommand(lead, onChanged);
  const { form, send } = command;
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
      item={lead}
      command={command}
      onSubmit={() => void send((headers) => api.POST('/leads/{leadId}/assign', { params: { path: { leadId: lead.leadId } }, body: { leadGeneratorId: chosen }, headers }))}
    >
      <ChoiceField form={form} formId={id} name="leadGeneratorId" label={t('lead.field.leadGenerator')} value={chosen} choices={choices} onChange={setLeadGeneratorId} />
    </ActionForm>
  );
}
