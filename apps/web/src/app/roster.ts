/** The roster, read once a session (GET /team/reps): names for ids, and whom a local session may act as. */
import { signal } from '@preact/signals';
import { api, unwrap } from '../api/client';
import type { Roster } from '../api/types';

export const roster = signal<Roster | undefined>(undefined);

export function loadRoster(): void {
  unwrap(api.GET('/team/reps')).then(
    (reps) => (roster.value = reps),
    () => (roster.value = []),
  );
}

export function repName(repId: string): string | undefined {
  return roster.value?.find((rep) => rep.repId === repId)?.name;
}
