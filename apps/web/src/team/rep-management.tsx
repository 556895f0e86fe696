/**
 * What the head of sales changes about one rep, on the rep's page: their role, their availability (absent until
 * a date, and why: routing skips them meanwhile), or that they left the department. Each form goes once, with
 * If-Match at the rep's revision as the roster has it; stored or refused as stale, the roster is read again
 * until it holds the rep's newer revision.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import type { Roster } from '../api/types';
import { refreshRoster } from '../app/roster';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { ChoiceField, dayToIso, Field, valueOf } from '../commands/fields';
import { t } from '../i18n/i18n';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';
import { REP_ROLES } from './roster-panel';

type Rep = Roster[number];
const ABSENCE_REASONS = ['vacation', 'sick-leave', 'training', 'other'] as const satisfies ReadonlyArray<NonNullable<components['schemas']['AvailabilityDto']['reason']>>;

const repPath = (rep: Rep) => ({ params: { path: { repId: rep.repId } } });

/** A command on the rep, drawn from the revision the roster shows (a rep's page lists no history of theirs). */
function useRepCommand(rep: Rep) {
  return useItemCommand({ revision: rep.revision, history: [] }, () => void refreshRoster((reps) => reps.some((each) => each.repId === rep.repId && each.revision > rep.revision)));
}

export function RepManagement({ rep }: { readonly rep: Rep }) {
  if (rep.left) return null;
  return (
    <Panel title={t('team.manage')} id="rep-management">
      <div class="actions" data-testid="rep-management">
        <RoleForm rep={rep} />
        <AvailabilityForm rep={rep} />
        <LeaveForm rep={rep} />
      </div>
    </Panel>
  );
}

function RoleForm({ rep }: { readonly rep: Rep }) {
  const command = useRepCommand(rep);
  const choices = REP_ROLES.filter((role) => role !== rep.role);
  const [picked, setPicked] = useState<Rep['role'] | ''>('');
  const role = picked && picked !== rep.role ? picked : choices[0]!;
  const id = 'rep-role';
  return (
    <ActionForm
      id={id}
      title={t('team.action.role', { role: roleName(rep.role) })}
      fields={['role']}
      submitLabel={t('team.action.role.submit')}
      command={command}
      onSubmit={async () => {
        await command.send((headers) => api.POST('/team/reps/{repId}/role', { ...repPath(rep), body: { role }, headers }));
      }}
    >
      <ChoiceField form={command.form} formId={id} name="role" label={t('team.roster.role')} value={role} choices={choices.map((value) => ({ value, label: roleName(value) }))} onChange={setPicked} />
    </ActionForm>
  );
}

function AvailabilityForm({ rep }: { readonly rep: Rep }) {
  const command = useRepCommand(rep);
  const { form } = command;
  // An available rep is marked absent; an absent one back.
  const [absentUntil, setAbsentUntil] = useState('');
  const [reason, setReason] = useState<(typeof ABSENCE_REASONS)[number]>('vacation');
  const id = 'rep-availability';
  return (
    <ActionForm
      id={id}
      title={rep.available ? t('team.action.absent') : t('team.action.back')}
      fields={['available', 'absentUntil', 'reason']}
      submitLabel={rep.available ? t('team.action.absent.submit') : t('team.action.back.submit')}
      command={command}
      onSubmit={async () => {
        const body = rep.available ? { available: false, reason, ...(absentUntil ? { absentUntil: dayToIso(absentUntil, 'start') } : {}) } : { available: true };
        if (await command.send((headers) => api.POST('/team/reps/{repId}/availability', { ...repPath(rep), body, headers }))) setAbsentUntil('');
      }}
    >
      {rep.available ? (
        <>
          <Field form={form} formId={id} name="absentUntil" label={t('team.field.absentUntil')}>
            {(attributes) => <input {...attributes} type="date" value={absentUntil} onInput={(event) => setAbsentUntil(valueOf(event))} />}
          </Field>
          <ChoiceField form={form} formId={id} name="reason" label={t('team.field.absenceReason')} value={reason} choices={ABSENCE_REASONS.map((value) => ({ value, label: t(`team.absence.${value}`) }))} onChange={setReason} />
        </>
      ) : (
        <p class="muted">{t('team.backNote')}</p>
      )}
    </ActionForm>
  );
}

function LeaveForm({ rep }: { readonly rep: Rep }) {
  const command = useRepCommand(rep);
  const [reason, setReason] = useState('');
  const id = 'rep-leave';
  return (
    <ActionForm
      id={id}
      title={t('team.action.leave')}
      fields={['reason']}
      submitLabel={t('team.action.leave.submit')}
      command={command}
      onSubmit={async () => {
        await command.send((headers) => api.POST('/team/reps/{repId}/leave', { ...repPath(rep), body: reason.trim() ? { reason: reason.trim() } : {}, headers }));
      }}
    >
      <Field form={command.form} formId={id} name="reason" label={t('team.field.leaveReason')}>
        {(attributes) => <input {...attributes} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}
