/**
 * The roster, read once a session (GET /team/reps): names for ids, and whom a local session may act as. Read
 * through useResource, so that a read the server could not answer (503, or no answer) is tried again by itself
 * rather than leaving the page without names or act-as choices until it is reloaded.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { Roster } from '../api/types';
import { roleName } from '../ui/roles';
import { readUntil } from './read-until';
import { useResource } from './use-resource';

export const roster = signal<Roster | undefined>(undefined);
/** Bumped when the roster is known to have changed (a rep joined from the page): the session's copy is read again. */
const rosterChanges = signal(0);

/** Keeps `roster` for the session `who` ('' for none): empty while a read is refused or tried again. */
export function useRoster(who: string): void {
  const reps = useResource(who === '' ? null : `roster|${who}`, (signal) => unwrap(api.GET('/team/reps', { signal })), rosterChanges.value);
  useEffect(() => {
    roster.value = reps.data ?? (reps.error ? [] : undefined);
  }, [reps.data, reps.error]);
}

/**
 * Reads the roster again after a change to it was stored, until the change `shows` (the roster read model follows
 * the store, a moment behind the command's answer); tries for about three seconds, then leaves it to the next read.
 */
export async function refreshRoster(shows: (reps: Roster) => boolean): Promise<void> {
  const reps = await readUntil(() => api.GET('/team/reps'), shows);
  if (reps) roster.value = reps;
  else rosterChanges.value++;
}

export function repName(repId: string): string | undefined {
  return roster.value?.find((rep) => rep.repId === repId)?.name;
}

/**
 * Who a user is, in a line of text: a rep's name from the roster; someone the roster does not hold (the head of
 * sales, an administrator) by their role's name, when it is known, rather than by a bare user id.
 */
export function personName(userId: string, role: string | undefined): string {
  return repName(userId) ?? (role === undefined ? userId : roleName(role));
}

/** The reps of a role still in the department, as the choices of a "to whom" field: by name. */
export function repChoices(role: string): Array<{ value: string; label: string }> {
  return (roster.value ?? []).filter((rep) => rep.role === role && !rep.left).map((rep) => ({ value: rep.repId, label: rep.name }));
}
