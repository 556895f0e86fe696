/**
 * An assistant task as its assistant and its requester see it (GET /tasks/{id}): what to prepare, for which deal
 * or account (its company, linked), by when, asked by whom, what happened to it, and — for its assistant, its
 * requester and the head of sales — completing it with a note or cancelling it. It follows the store live.
 */
import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { TaskPage as Task } from '../api/types';
import { personName, repName } from '../app/roster';
import { can, session } from '../app/session';
import { useResource } from '../app/use-resource';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { Field, valueOf } from '../commands/fields';
import { HistoryList } from '../history/history-list';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { AppLink } from '../ui/app-link';
import { Panel } from '../ui/panel';

export function TaskPage({ taskId }: { readonly taskId: string }) {
  const [sent, setSent] = useState(0);
  const task = useResource(`task:${taskId}`, (signal) => unwrap(api.GET('/tasks/{taskId}', { params: { path: { taskId } }, signal })), `${appliedBy('work-queues')}|${sent}`);
  if (session.value.status !== 'signed-in') return null;
  const view = task.data;
  const onChanged = () => setSent((count) => count + 1);
  return (
    <>
      <div class="page-title">
        <h1>{view ? t(`task.title.${view.kind}`) : t('task.title')}</h1>
        {view && <span class={`badge badge-status status-${view.status}`}>{t(`task.status.${view.status}`)}</span>}
        {view?.status === 'open' && Date.parse(view.dueAt) < Date.now() && <span class="badge badge-overdue">{t('queue.overdue')}</span>}
      </div>
      <div class="item-page">
        <div class="item-main">
          <Panel title={t('task.details')} error={task.error} loading={task.loading && !view}>
            {view && <TaskFacts task={view} />}
          </Panel>
          <Panel title={t('deal.history')}>{view && <HistoryList lines={view.history} testId="task-history" />}</Panel>
        </div>
        {view && <TaskActions task={view} onChanged={onChanged} />}
      </div>
    </>
  );
}

/** The company of the deal or account a task is for, read from it: the task itself holds only its id. */
function useSubject(task: Task): { readonly path: string; readonly name: string | undefined } | undefined {
  const dealId = task.dealId;
  const accountId = task.accountId;
  const subject = useResource(dealId ? `deal:${dealId}` : accountId ? `account:${accountId}` : null, async (signal) =>
    dealId
      ? await unwrap(api.GET('/deals/{dealId}', { params: { path: { dealId } }, signal }))
      : await unwrap(api.GET('/accounts/{accountId}', { params: { path: { accountId: accountId! } }, signal })),
  );
  if (dealId) return { path: `/app/deals/${encodeURIComponent(dealId)}`, name: subject.data?.company.name };
  if (accountId) return { path: `/app/accounts/${encodeURIComponent(accountId)}`, name: subject.data?.company.name };
  return undefined;
}

function TaskFacts({ task }: { readonly task: Task }) {
  const subject = useSubject(task);
  const rep = (repId: string) => repName(repId) ?? repId;
  const erased = (value: string | null | undefined) => (value === null ? t('lead.erased') : value);
  return (
    <dl class="facts" data-testid="task-facts">
      {subject && (
        <>
          <dt>{task.dealId ? t('task.forDeal') : t('task.forAccount')}</dt>
          <dd>
            <AppLink path={subject.path}>{subject.name ?? t('task.open')}</AppLink>
          </dd>
        </>
      )}
      <dt>{t('task.dueAt')}</dt>
      <dd>{formatDateTime(task.dueAt)}</dd>
      <dt>{t('task.requestedBy')}</dt>
      <dd>
        <span title={task.requesterId}>{personName(task.requesterId, task.history.find((line) => line.by?.userId === task.requesterId)?.by?.role)}</span>,{' '}
        {formatDateTime(task.requestedAt)}
      </dd>
      <dt>{t('deal.field.assistant')}</dt>
      <dd>{task.assigneeId ? rep(task.assigneeId) : t('task.unassigned')}</dd>
      {task.note !== undefined && (
        <>
          <dt>{t('task.note')}</dt>
          <dd>{erased(task.note)}</dd>
        </>
      )}
      {task.completedAt && (
        <>
          <dt>{t('task.completedAt')}</dt>
          <dd>{formatDateTime(task.completedAt)}</dd>
        </>
      )}
      {task.completionNote !== undefined && (
        <>
          <dt>{t('task.completionNote')}</dt>
          <dd>{erased(task.completionNote)}</dd>
        </>
      )}
      {task.cancellationReason && (
        <>
          <dt>{t('task.cancelledBecause')}</dt>
          <dd>{task.cancellationReason}</dd>
        </>
      )}
    </dl>
  );
}

interface ActionProps {
  readonly task: Task;
  readonly onChanged: () => void;
}

/** The deciders' rules: its assistant (any, while unassigned) or the head of sales completes; its requester or the head cancels. */
function TaskActions({ task, onChanged }: ActionProps) {
  const current = session.value;
  if (current.status !== 'signed-in' || task.status !== 'open') return null;
  const { userId, role } = current.actor;
  const head = role === 'head-of-sales';
  const completes = can('task:complete') && (head || (role === 'sales-assistant' && (task.assigneeId === undefined || task.assigneeId === userId)));
  const cancels = can('task:cancel') && (head || userId === task.requesterId);
  if (!completes && !cancels) return null;
  return (
    <Panel title={t('deal.actions')} id="task-actions">
      <div class="actions" data-testid="task-actions">
        {completes && <CompleteForm task={task} onChanged={onChanged} />}
        {cancels && <CancelForm task={task} onChanged={onChanged} />}
      </div>
    </Panel>
  );
}

function CompleteForm({ task, onChanged }: ActionProps) {
  const command = useItemCommand(task, onChanged);
  const [note, setNote] = useState('');
  const id = 'task-complete';
  return (
    <ActionForm
      id={id}
      title={t('task.action.complete')}
      fields={['note']}
      submitLabel={t('task.action.complete.submit')}
      item={task}
      command={command}
      open
      onSubmit={() => void command.send((headers) => api.POST('/tasks/{taskId}/complete', { params: { path: { taskId: task.taskId } }, body: note.trim() ? { note: note.trim() } : {}, headers }))}
    >
      <Field form={command.form} formId={id} name="note" label={t('deal.field.note')}>
        {(attributes) => <textarea {...attributes} rows={3} maxLength={2000} value={note} onInput={(event) => setNote(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function CancelForm({ task, onChanged }: ActionProps) {
  const command = useItemCommand(task, onChanged);
  const [reason, setReason] = useState('');
  const id = 'task-cancel';
  return (
    <ActionForm
      id={id}
      title={t('task.action.cancel')}
      fields={['reason']}
      submitLabel={t('task.action.cancel.submit')}
      item={task}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/tasks/{taskId}/cancel', { params: { path: { taskId: task.taskId } }, body: { reason: reason.trim() }, headers }))}
    >
      <Field form={command.form} formId={id} name="reason" label={t('task.field.cancelReason')}>
        {(attributes) => <input {...attributes} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}
