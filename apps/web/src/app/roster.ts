/**
 * The roster, read once a session (GET /team/reps): names for ids, and whom a local session may act as. A read
 * the server could not answer (503, or no answer) is tried again, every second growing to 30 s, so that a moment's
 * trouble does not leave the page without names or the act-as choices until it is reloaded.
 */
import { signal } from '@preact/signals';
import { api, unwrap, type ApiError } from '../api/client';
import type { Roster } from '../api/types';

export const roster = signal<Roster | undefined>(undefined);

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;
let reading = 0;

export function loadRoster(): void {
  const read = ++reading;
  const attempt = (pause: number): void => {
    unwrap(api.GET('/team/reps')).then(
      (reps) => read === reading && (roster.value = reps),
      (error: ApiError) => {
        if (read !== reading) return;
        if (error.status === 503 || error.status === 0) {
          setTimeout(() => read === reading && attempt(Math.min(pause * 2, LAST_RETRY_MS)), pause);
        } else {
          roster.value = [];
        }
      },
    );
  };
  attempt(FIRST_RETRY_MS);
}

export function repName(repId: string): string | undefined {
  return roster.value?.find((rep) => rep.repId === repId)?.name;
}
