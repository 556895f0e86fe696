/**
 * What the signed-in role may do to a deal now: only the actions the permission matrix gives it (no button
 * that would answer 403), on a deal it works (its hunter, its closer once handed over, the head of sales: the
 * API's rule too) and that is still open; the head of sales also gives it to another rep of its owner's role. Each form sends its command once with the revision the page was drawn
 * from (commands/action-form.tsx): a refusal shows at its field, a version conflict reloads the deal and says
 * what changed, and what the person typed stays.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import type { DealPage as Deal } from '../api/types';
import { repChoices, repName } from '../app/roster';
import { can, session } from '../app/session';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { amountOf, ChoiceField, dayToIso, Field, localToIso, MoneyFields, valueOf } from '../commands/fields';
import { word } from '../history/history-text';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/i18n';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';

type Schemas = components['schemas'];
// The choices the API takes, in the order offered; the type check fails when the API's enums move away from them.
const MEETING_KINDS = ['discovery', 'demo', 'negotiation', 'signing', 'other'] as const satisfies ReadonlyArray<Schemas['ScheduleMeetingDto']['kind']>;
const OUTCOMES = ['positive', 'neutral', 'negative'] as const satisfies ReadonlyArray<Schemas['MeetingHeldDto']['outcome']>;
const STAGES = ['qualification', 'discovery', 'proposal', 'negotiation', 'contract'] as const satisfies ReadonlyArray<Schemas['ChangeStageDto']['stage']>;
const LOSS_REASONS = ['price', 'competitor', 'no-decision', 'timing', 'no-budget', 'product-fit', 'other'] as const satisfies ReadonlyArray<Schemas['LoseDealDto']['reason']>;
const TASK_KINDS = ['presentation', 'proposal', 'contract-documents', 'report'] as const satisfies ReadonlyArray<Schemas['RequestTaskDto']['kind']>;
const RESULTS = ['held', 'cancelled', 'no-show'] as const;
/** The closer's share of the credit when nobody says otherwise (the API's default too). */
const DEFAULT_CLOSER_PERCENT = 50;

interface ActionProps {
  readonly deal: Deal;
  /** Called once a command was stored (or refused as stale): the page reads the deal again. */
  readonly onChanged: () => void;
}

/** Whether the signed-in person works this deal: its closer once handed over, its hunter before, or the head of sales. */
function worksDeal(deal: Deal): boolean {
  const current = session.value;
  if (current.status !== 'signed-in') return false;
  const { userId, role } = current.actor;
  if (role === 'head-of-sales') return true;
  return deal.closerId ? userId === deal.closerId && role === 'closer' : userId === deal.hunterId && role === 'hunter';
}

/** Who works the deal: its closer once handed over, its hunter before. */
const ownerRole = (deal: Deal): 'hunter' | 'closer' => (deal.closerId ? 'closer' : 'hunter');
const ownerOf = (deal: Deal): string => deal.closerId ?? deal.hunterId;

export function DealActions({ deal, onChanged }: ActionProps) {
  const works = deal.status === 'open' && worksDeal(deal);
  const scheduled = deal.meetings.some((meeting) => meeting.status === 'scheduled');
  const offered = works
    ? [
        can('deal:schedule-meeting') && 'schedule',
        scheduled && can('deal:record-meeting') && 'meeting',
        can('deal:change-stage') && 'stage',
        can('deal:send-proposal') && 'proposal',
        !deal.closerId && can('deal:hand-off-to-closer') && repChoices('closer').length > 0 && 'closer',
        can('deal:win') && 'win',
        can('deal:lose') && 'lose',
        can('task:request') && repChoices('sales-assistant').length > 0 && 'task',
        can('deal:reassign') && repChoices(ownerRole(deal)).some((rep) => rep.value !== ownerOf(deal)) && 'reassign',
      ].filter((action): action is string => typeof action === 'string')
    : [];
  if (offered.length === 0) return null;
  return (
    <Panel title={t('deal.actions')} id="deal-actions">
      <div class="actions" data-testid="deal-actions">
        {offered.includes('schedule') && <ScheduleMeetingForm deal={deal} onChanged={onChanged} />}
        {offered.includes('meeting') && <RecordMeetingForm deal={deal} onChanged={onChanged} />}
        {offered.includes('stage') && <StageForm deal={deal} onChanged={onChanged} />}
        {offered.includes('proposal') && <ProposalForm deal={deal} onChanged={onChanged} />}
        {offered.includes('closer') && <CloserForm deal={deal} onChanged={onChanged} />}
        {offered.includes('win') && <WinForm deal={deal} onChanged={onChanged} />}
        {offered.includes('lose') && <LoseForm deal={deal} onChanged={onChanged} />}
        {offered.includes('task') && <TaskForm deal={deal} onChanged={onChanged} />}
        {offered.includes('reassign') && <ReassignForm deal={deal} onChanged={onChanged} />}
      </div>
    </Panel>
  );
}

const dealPath = (deal: Deal) => ({ params: { path: { dealId: deal.dealId } } });

function ScheduleMeetingForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const { form, send } = command;
  const [scheduledFor, setScheduledFor] = useState('');
  const [kind, setKind] = useState<(typeof MEETING_KINDS)[number]>('discovery');
  const [location, setLocation] = useState('');
  const id = 'deal-schedule';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.schedule')}
      fields={['scheduledFor', 'kind', 'location']}
      submitLabel={t('deal.action.schedule.submit')}
      item={deal}
      command={command}
      onSubmit={async () => {
        const body = { scheduledFor: localToIso(scheduledFor), kind, ...(location.trim() ? { location: location.trim() } : {}) };
        if (await send((headers) => api.POST('/deals/{dealId}/meetings', { ...dealPath(deal), body, headers }))) {
          setScheduledFor('');
          setLocation('');
        }
      }}
    >
      <Field form={form} formId={id} name="scheduledFor" label={t('deal.field.scheduledFor')}>
        {(attributes) => <input {...attributes} type="datetime-local" value={scheduledFor} onInput={(event) => setScheduledFor(valueOf(event))} />}
      </Field>
      <ChoiceField form={form} formId={id} name="kind" label={t('deal.field.kind')} value={kind} choices={MEETING_KINDS.map((value) => ({ value, label: t(`deal.meetingKind.${value}`) }))} onChange={setKind} />
      <Field form={form} formId={id} name="location" label={t('deal.field.location')}>
        {(attributes) => <input {...attributes} maxLength={300} value={location} onInput={(event) => setLocation(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function RecordMeetingForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const { form, send } = command;
  const choices = deal.meetings
    .filter((meeting) => meeting.status === 'scheduled')
    .map((meeting) => ({ value: meeting.meetingId, label: `${word('deal.meetingKind', meeting.kind)}, ${formatDateTime(meeting.scheduledFor)}` }));
  const [picked, setPicked] = useState('');
  const meetingId = choices.some((choice) => choice.value === picked) ? picked : (choices[0]?.value ?? '');
  const [result, setResult] = useState<(typeof RESULTS)[number]>('held');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('positive');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const id = 'deal-meeting';
  const path = { params: { path: { dealId: deal.dealId, meetingId } } };
  return (
    <ActionForm
      id={id}
      title={t('deal.action.meeting')}
      fields={['outcome', 'notes', 'reason']}
      submitLabel={t('deal.action.meeting.submit')}
      item={deal}
      command={command}
      onSubmit={async () => {
        const done = await send((headers) =>
          result === 'held'
            ? api.POST('/deals/{dealId}/meetings/{meetingId}/held', { ...path, body: { outcome, ...(notes.trim() ? { notes: notes.trim() } : {}) }, headers })
            : result === 'cancelled'
              ? api.POST('/deals/{dealId}/meetings/{meetingId}/cancel', { ...path, body: { reason: reason.trim() }, headers })
              : api.POST('/deals/{dealId}/meetings/{meetingId}/no-show', { ...path, body: {}, headers }),
        );
        if (done) {
          setNotes('');
          setReason('');
        }
      }}
    >
      <ChoiceField form={form} formId={id} name="meetingId" label={t('deal.field.meeting')} value={meetingId} choices={choices} onChange={setPicked} />
      <ChoiceField form={form} formId={id} name="result" label={t('deal.field.result')} value={result} choices={RESULTS.map((value) => ({ value, label: t(`deal.result.${value}`) }))} onChange={setResult} />
      {result === 'held' && (
        <>
          <ChoiceField form={form} formId={id} name="outcome" label={t('deal.field.outcome')} value={outcome} choices={OUTCOMES.map((value) => ({ value, label: t(`deal.meetingOutcome.${value}`) }))} onChange={setOutcome} />
          <Field form={form} formId={id} name="notes" label={t('deal.field.notes')}>
            {(attributes) => <textarea {...attributes} rows={3} maxLength={4000} value={notes} onInput={(event) => setNotes(valueOf(event))} />}
          </Field>
        </>
      )}
      {result === 'cancelled' && (
        <Field form={form} formId={id} name="reason" label={t('deal.field.cancelReason')}>
          {(attributes) => <input {...attributes} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
        </Field>
      )}
    </ActionForm>
  );
}

function StageForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const choices = STAGES.filter((stage) => stage !== deal.stage).map((value) => ({ value, label: t(`forecast.stage.${value}`) }));
  // The next stage along the pipeline is the usual move; any other may be chosen.
  const next = STAGES[STAGES.indexOf(deal.stage) + 1] ?? choices[0]!.value;
  const [picked, setPicked] = useState<(typeof STAGES)[number] | ''>('');
  const stage = picked && picked !== deal.stage ? picked : next;
  const id = 'deal-stage';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.stage')}
      fields={['stage']}
      submitLabel={t('deal.action.stage.submit')}
      item={deal}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/deals/{dealId}/stage', { ...dealPath(deal), body: { stage }, headers }))}
    >
      <ChoiceField form={command.form} formId={id} name="stage" label={t('deal.field.stage')} value={stage} choices={choices} onChange={setPicked} />
    </ActionForm>
  );
}

function ProposalForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const { form, send } = command;
  const [amount, setAmount] = useState(String(deal.estimatedValue.amount));
  const [currency, setCurrency] = useState(deal.estimatedValue.currency);
  const [validUntil, setValidUntil] = useState('');
  const id = 'deal-proposal';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.proposal')}
      fields={['amount.amount', 'amount.currency', 'validUntil']}
      submitLabel={t('deal.action.proposal.submit')}
      item={deal}
      command={command}
      onSubmit={async () => {
        const body = { amount: { amount: amountOf(amount), currency: currency.trim().toUpperCase() }, validUntil: dayToIso(validUntil, 'end') };
        if (await send((headers) => api.POST('/deals/{dealId}/proposals', { ...dealPath(deal), body, headers }))) setValidUntil('');
      }}
    >
      <MoneyFields
        form={form}
        formId={id}
        name="amount"
        label={t('deal.field.amount')}
        amount={amount}
        currency={currency}
        onAmount={(event) => setAmount(valueOf(event))}
        onCurrency={(event) => setCurrency(valueOf(event))}
      />
      <Field form={form} formId={id} name="validUntil" label={t('deal.field.validUntil')}>
        {(attributes) => <input {...attributes} type="date" value={validUntil} onInput={(event) => setValidUntil(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function CloserForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const { form, send } = command;
  const [closerId, setCloserId] = useState('');
  const [reason, setReason] = useState('');
  const id = 'deal-closer';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.closer')}
      fields={['closerId', 'reason']}
      submitLabel={t('deal.action.closer.submit')}
      item={deal}
      command={command}
      onSubmit={() =>
        void send((headers) => api.POST('/deals/{dealId}/hand-off-to-closer', { ...dealPath(deal), body: { reason: reason.trim(), ...(closerId ? { closerId } : {}) }, headers }))
      }
    >
      <ChoiceField
        form={form}
        formId={id}
        name="closerId"
        label={t('deal.field.closer')}
        value={closerId}
        choices={[{ value: '', label: t('deal.field.closer.leastLoaded') }, ...repChoices('closer')]}
        onChange={setCloserId}
      />
      <Field form={form} formId={id} name="reason" label={t('deal.field.handoffReason')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function WinForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const { form, send } = command;
  // What the client signed is most often the last proposal's amount.
  const proposed = deal.proposals.at(-1)?.amount ?? deal.estimatedValue;
  const [amount, setAmount] = useState(String(proposed.amount));
  const [currency, setCurrency] = useState(proposed.currency);
  const [closerPercent, setCloserPercent] = useState(String(DEFAULT_CLOSER_PERCENT));
  const percent = Number(closerPercent.replace(',', '.'));
  const id = 'deal-win';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.win')}
      fields={['amount.amount', 'amount.currency', 'closerPercent']}
      submitLabel={t('deal.action.win.submit')}
      item={deal}
      command={command}
      onSubmit={() =>
        void send((headers) =>
          api.POST('/deals/{dealId}/win', {
            ...dealPath(deal),
            // Without a closer the hunter takes all the credit and the split is not asked (the API's default goes).
            body: {
              amount: { amount: amountOf(amount), currency: currency.trim().toUpperCase() },
              closerPercent: !deal.closerId ? DEFAULT_CLOSER_PERCENT : closerPercent.trim() === '' ? Number.NaN : percent,
            },
            headers,
          }),
        )
      }
    >
      <MoneyFields
        form={form}
        formId={id}
        name="amount"
        label={t('deal.field.amount')}
        amount={amount}
        currency={currency}
        onAmount={(event) => setAmount(valueOf(event))}
        onCurrency={(event) => setCurrency(valueOf(event))}
      />
      {deal.closerId && (
        <>
          <Field form={form} formId={id} name="closerPercent" label={t('deal.field.closerPercent')}>
            {(attributes) => <input {...attributes} inputMode="decimal" class="percent" value={closerPercent} onInput={(event) => setCloserPercent(valueOf(event))} />}
          </Field>
          {percent >= 0 && percent <= 100 && (
            <p class="muted" data-testid="deal-win-credit">
              {t('deal.creditPreview', {
                hunter: repName(deal.hunterId) ?? deal.hunterId,
                hunterPercent: String(100 - percent),
                closer: repName(deal.closerId) ?? deal.closerId,
                closerPercent: String(percent),
              })}
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}

function LoseForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const { form, send } = command;
  const [reason, setReason] = useState<(typeof LOSS_REASONS)[number]>('price');
  const [competitor, setCompetitor] = useState('');
  const [note, setNote] = useState('');
  const id = 'deal-lose';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.lose')}
      fields={['reason', 'competitor', 'note']}
      submitLabel={t('deal.action.lose.submit')}
      item={deal}
      command={command}
      onSubmit={() =>
        void send((headers) =>
          api.POST('/deals/{dealId}/lose', {
            ...dealPath(deal),
            body: { reason, ...(competitor.trim() ? { competitor: competitor.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
            headers,
          }),
        )
      }
    >
      <ChoiceField form={form} formId={id} name="reason" label={t('deal.field.lossReason')} value={reason} choices={LOSS_REASONS.map((value) => ({ value, label: t(`reason.${value}`) }))} onChange={setReason} />
      <Field form={form} formId={id} name="competitor" label={t('deal.field.competitor')}>
        {(attributes) => <input {...attributes} maxLength={200} value={competitor} onInput={(event) => setCompetitor(valueOf(event))} />}
      </Field>
      <Field form={form} formId={id} name="note" label={t('deal.field.note')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={2000} value={note} onInput={(event) => setNote(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

/** A task for an assistant, for this deal: it is a stream of its own, so no If-Match on the deal's revision. */
function TaskForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged, { ifMatch: false });
  const { form } = command;
  const [kind, setKind] = useState<(typeof TASK_KINDS)[number]>('presentation');
  const [dueAt, setDueAt] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [note, setNote] = useState('');
  const [requested, setRequested] = useState<{ kind: (typeof TASK_KINDS)[number]; assigneeId: string } | undefined>();
  const id = 'deal-task';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.task')}
      fields={['kind', 'dueAt', 'assigneeId', 'note']}
      submitLabel={t('deal.action.task.submit')}
      item={deal}
      command={command}
      onSubmit={async () => {
        setRequested(undefined);
        const body = { kind, dealId: deal.dealId, dueAt: localToIso(dueAt), ...(assigneeId ? { assigneeId } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
        let answer: { assigneeId?: string } | undefined;
        const done = await command.send(async (headers) => {
          const result = await api.POST('/tasks', { body, headers });
          answer = result.data as { assigneeId?: string } | undefined;
          return result;
        });
        if (done) {
          setRequested({ kind, assigneeId: answer?.assigneeId ?? '' });
          setDueAt('');
          setNote('');
        }
      }}
    >
      <ChoiceField form={form} formId={id} name="kind" label={t('deal.field.taskKind')} value={kind} choices={TASK_KINDS.map((value) => ({ value, label: t(`task.kind.${value}`) }))} onChange={setKind} />
      <Field form={form} formId={id} name="dueAt" label={t('deal.field.dueAt')}>
        {(attributes) => <input {...attributes} type="datetime-local" value={dueAt} onInput={(event) => setDueAt(valueOf(event))} />}
      </Field>
      <ChoiceField
        form={form}
        formId={id}
        name="assigneeId"
        label={t('deal.field.assistant')}
        value={assigneeId}
        choices={[{ value: '', label: t('deal.field.assistant.leastLoaded') }, ...repChoices('sales-assistant')]}
        onChange={setAssigneeId}
      />
      <Field form={form} formId={id} name="note" label={t('deal.field.note')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={2000} value={note} onInput={(event) => setNote(valueOf(event))} />}
      </Field>
      {requested && (
        <p class="action-done" role="status" data-testid="deal-task-done">
          {t('deal.taskRequested', { kind: t(`task.kind.${requested.kind}`), rep: repName(requested.assigneeId) ?? requested.assigneeId })}
        </p>
      )}
    </ActionForm>
  );
}

/** The head of sales gives the deal to another rep of its owner's role. */
function ReassignForm({ deal, onChanged }: ActionProps) {
  const command = useItemCommand(deal, onChanged);
  const role = ownerRole(deal);
  const choices = repChoices(role).filter((rep) => rep.value !== ownerOf(deal));
  const [picked, setPicked] = useState('');
  const ownerId = choices.some((choice) => choice.value === picked) ? picked : (choices[0]?.value ?? '');
  const id = 'deal-reassign';
  return (
    <ActionForm
      id={id}
      title={t('deal.action.reassign', { role: roleName(role).toLowerCase() })}
      fields={['ownerId']}
      submitLabel={t('deal.action.reassign.submit')}
      item={deal}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/deals/{dealId}/owner', { ...dealPath(deal), body: { ownerId }, headers }))}
    >
      <ChoiceField form={command.form} formId={id} name="ownerId" label={roleName(role)} value={ownerId} choices={choices} onChange={setPicked} />
    </ActionForm>
  );
}
