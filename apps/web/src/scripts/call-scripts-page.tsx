/**
 * The call scripts the lead generators call by, as the head of sales keeps them (GET /call-scripts): each in use
 * with its latest version's steps; publish a new script, a new version of one (lead generators record which
 * they used), or retire one. The list follows the store a moment behind a command's answer: after one, the page
 * reads it again until the change shows.
 */
import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { CallScripts } from '../api/types';
import { readUntil } from '../app/read-until';
import { useResource } from '../app/use-resource';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { Field, valueOf } from '../commands/fields';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/i18n';
import { Panel } from '../ui/panel';

type Script = CallScripts['scripts'][number];

/** Steps as typed, one a line: blank lines dropped. */
const stepsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function CallScriptsPage() {
  const [changes, setChanges] = useState(0);
  const scripts = useResource('call-scripts', (signal) => unwrap(api.GET('/call-scripts', { signal })), changes);
  const changed = async (shows: (scripts: readonly Script[]) => boolean) => {
    await readUntil(() => api.GET('/call-scripts'), (listed) => shows(listed.scripts));
    setChanges((count) => count + 1);
  };
  return (
    <>
      <div class="page-title">
        <h1>{t('scripts.title')}</h1>
      </div>
      <div class="grid">
        <Panel title={t('scripts.inUse')} wide error={scripts.error} loading={scripts.loading && !scripts.data}>
          {scripts.data?.scripts.length === 0 && <p class="empty">{t('scripts.none')}</p>}
          <div class="scripts" data-testid="scripts">
            {scripts.data?.scripts.map((script) => (
              <ScriptCard key={script.scriptId} script={script} onChanged={changed} />
            ))}
          </div>
          <div class="actions">
            <NewScriptForm onChanged={changed} />
          </div>
        </Panel>
      </div>
    </>
  );
}

type Changed = (shows: (scripts: readonly Script[]) => boolean) => Promise<void>;

function ScriptCard({ script, onChanged }: { readonly script: Script; readonly onChanged: Changed }) {
  return (
    <section class="script" data-testid={`script-${script.scriptId}`} aria-labelledby={`script-${script.scriptId}-title`}>
      <h3 id={`script-${script.scriptId}-title`}>
        {script.title} <span class="muted">{t('scripts.version', { version: String(script.version), at: formatDateTime(script.publishedAt) })}</span>
      </h3>
      <ol class="script-steps">
        {script.steps.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
      <div class="actions">
        <NewVersionForm script={script} onChanged={onChanged} />
        <RetireForm script={script} onChanged={onChanged} />
      </div>
    </section>
  );
}

function ScriptFields(props: {
  readonly formId: string;
  readonly command: ReturnType<typeof useItemCommand>;
  readonly title: string;
  readonly steps: string;
  readonly onTitle: (value: string) => void;
  readonly onSteps: (value: string) => void;
}) {
  const { formId, command } = props;
  return (
    <>
      <Field form={command.form} formId={formId} name="title" label={t('scripts.field.title')}>
        {(attributes) => <input {...attributes} maxLength={200} value={props.title} onInput={(event) => props.onTitle(valueOf(event))} />}
      </Field>
      <Field form={command.form} formId={formId} name="steps" label={t('scripts.field.steps')}>
        {(attributes) => <textarea {...attributes} rows={5} value={props.steps} onInput={(event) => props.onSteps(valueOf(event))} />}
      </Field>
    </>
  );
}

function NewScriptForm({ onChanged }: { readonly onChanged: Changed }) {
  const command = useItemCommand(undefined, () => undefined);
  const [title, setTitle] = useState('');
  const [steps, setSteps] = useState('');
  const id = 'script-new';
  return (
    <ActionForm
      id={id}
      title={t('scripts.action.new')}
      fields={['title', 'steps']}
      submitLabel={t('scripts.action.publish')}
      command={command}
      onSubmit={async () => {
        let scriptId: string | undefined;
        const done = await command.send(async (headers) => {
          const result = await api.POST('/call-scripts', { body: { title: title.trim(), steps: stepsOf(steps) }, headers });
          scriptId = (result.data as { scriptId?: string } | undefined)?.scriptId;
          return result;
        });
        if (!done) return;
        setTitle('');
        setSteps('');
        await onChanged((scripts) => scripts.some((script) => script.scriptId === scriptId));
      }}
    >
      <ScriptFields formId={id} command={command} title={title} steps={steps} onTitle={setTitle} onSteps={setSteps} />
    </ActionForm>
  );
}

function NewVersionForm({ script, onChanged }: { readonly script: Script; readonly onChanged: Changed }) {
  const command = useItemCommand(undefined, () => undefined);
  const [title, setTitle] = useState(script.title);
  const [steps, setSteps] = useState(script.steps.join('\n'));
  const id = `script-${script.scriptId}-version`;
  return (
    <ActionForm
      id={id}
      title={t('scripts.action.version')}
      fields={['title', 'steps']}
      submitLabel={t('scripts.action.publish')}
      command={command}
      onSubmit={async () => {
        const body = { title: title.trim(), steps: stepsOf(steps) };
        if (await command.send((headers) => api.POST('/call-scripts/{scriptId}/versions', { params: { path: { scriptId: script.scriptId } }, body, headers }))) {
          await onChanged((scripts) => scripts.some((each) => each.scriptId === script.scriptId && each.version > script.version));
        }
      }}
    >
      <ScriptFields formId={id} command={command} title={title} steps={steps} onTitle={setTitle} onSteps={setSteps} />
    </ActionForm>
  );
}

function RetireForm({ script, onChanged }: { readonly script: Script; readonly onChanged: Changed }) {
  const command = useItemCommand(undefined, () => undefined);
  const [reason, setReason] = useState('');
  const id = `script-${script.scriptId}-retire`;
  return (
    <ActionForm
      id={id}
      title={t('scripts.action.retire')}
      fields={['reason']}
      submitLabel={t('scripts.action.retire.submit')}
      command={command}
      onSubmit={async () => {
        const body = reason.trim() ? { reason: reason.trim() } : {};
        if (await command.send((headers) => api.POST('/call-scripts/{scriptId}/retire', { params: { path: { scriptId: script.scriptId } }, body, headers }))) {
          await onChanged((scripts) => !scripts.some((each) => each.scriptId === script.scriptId));
        }
      }}
    >
      <Field form={command.form} formId={id} name="reason" label={t('scripts.field.reason')}>
        {(attributes) => <input {...attributes} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}
