/**
 * The department as the head of sales manages it (GET /team/reps): every rep with role, capacity, load and
 * availability, each opening the rep's page (where role, availability and leaving are changed), and a form to
 * add a rep. Shown to those the matrix lets manage the team.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { refreshRoster, roster } from '../app/roster';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { ChoiceField, Field, valueOf } from '../commands/fields';
import { formatDate } from '../i18n/format';
import { t } from '../i18n/i18n';
import { AppLink } from '../ui/app-link';
import { Panel } from '../ui/panel';
import { ROLE_ORDER, roleName } from '../ui/roles';

type RepRole = components['schemas']['JoinRepDto']['role'];
// The roles a rep joins as, in the funnel's order; the type check fails when the API's enum moves away from them.
export const REP_ROLES = ROLE_ORDER satisfies ReadonlyArray<RepRole>;
const DEFAULT_CAPACITY = 50;

export function RosterPanel() {
  const reps = [...(roster.value ?? [])].sort((a, b) => Number(a.left) - Number(b.left) || REP_ROLES.indexOf(a.role) - REP_ROLES.indexOf(b.role) || a.name.localeCompare(b.name));
  return (
    <Panel title={t('team.roster')} wide id="roster">
      <table data-testid="roster">
        <caption class="visually-hidden">{t('team.roster.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('team.column.rep')}</th>
            <th scope="col">{t('team.roster.role')}</th>
            <th scope="col" class="number">
              {t('team.roster.capacity')}
            </th>
            <th scope="col" class="number">
              {t('team.roster.load')}
            </th>
            <th scope="col">{t('team.roster.availability')}</th>
          </tr>
        </thead>
        <tbody>
          {reps.map((rep) => (
            <tr key={rep.repId} class={rep.left ? 'row-left' : undefined}>
              <th scope="row">
                <AppLink path={`/app/team/${encodeURIComponent(rep.repId)}`}>{rep.name}</AppLink>
              </th>
              <td>{roleName(rep.role)}</td>
              <td class="number">{rep.capacity}</td>
              <td class="number">{rep.load}</td>
              <td>{rep.left ? t('team.roster.left') : rep.available ? t('team.roster.available') : rep.absentUntil ? t('team.absentUntil', { date: formatDate(rep.absentUntil) }) : t('team.absent')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <JoinForm />
      </div>
    </Panel>
  );
}

function JoinForm() {
  const command = useItemCommand(undefined, () => undefined);
  const { form, send } = command;
  const [name, setName] = useState('');
  const [role, setRole] = useState<RepRole>('lead-generator');
  // The API's default; open leads, deals or accounts the rep can carry.
  const [capacity, setCapacity] = useState(String(DEFAULT_CAPACITY));
  const [joined, setJoined] = useState<string | undefined>();
  const id = 'team-join';
  return (
    <ActionForm
      id={id}
      title={t('team.action.join')}
      fields={['name', 'role', 'capacity']}
      submitLabel={t('team.action.join.submit')}
      command={command}
      onSubmit={async () => {
        setJoined(undefined);
        // A capacity that is not a whole number goes as typed: the API names the field and says why.
        const body = { name: name.trim(), role, capacity: capacity.trim() === '' ? Number.NaN : Number(capacity) };
        let repId: string | undefined;
        const done = await send(async (headers) => {
          const result = await api.POST('/team/reps', { body, headers });
          repId = (result.data as { repId?: string } | undefined)?.repId;
          return result;
        });
        if (!done) return;
        setJoined(name.trim());
        setName('');
        setCapacity(String(DEFAULT_CAPACITY));
        await refreshRoster((reps) => reps.some((rep) => rep.repId === repId));
      }}
    >
      <Field form={form} formId={id} name="name" label={t('team.field.name')}>
        {(attributes) => <input {...attributes} maxLength={200} autoComplete="off" value={name} onInput={(event) => setName(valueOf(event))} />}
      </Field>
      <ChoiceField form={form} formId={id} name="role" label={t('team.roster.role')} value={role} choices={REP_ROLES.map((value) => ({ value, label: roleName(value) }))} onChange={setRole} />
      <Field form={form} formId={id} name="capacity" label={t('team.field.capacity')}>
        {(attributes) => <input {...attributes} class="percent" inputMode="numeric" value={capacity} onInput={(event) => setCapacity(valueOf(event))} />}
      </Field>
      {joined && (
        <p class="action-done" role="status" data-testid="team-join-done">
          {t('team.joined', { name: joined })}
        </p>
      )}
    </ActionForm>
  );
}
