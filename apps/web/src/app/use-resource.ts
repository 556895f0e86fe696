/**
 * Loads what a view shows and loads it again when its key changes (another period) or when the data behind
 * it changed (a live update), keeping what it showed until the new answer arrives, so that a refetch never
 * blanks the page. Live updates are coalesced: a load in flight is never cancelled by one; it is followed by
 * one more load, at most one per `minIntervalMs`. A load the server could not answer (503: the store or a read
 * model away; or no answer at all) is tried again by itself, every 2 s growing to 30 s, until it succeeds.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import { takeEarly } from './early-loads';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** When the data shown was loaded (epoch ms). */
  readonly loadedAt: number | undefined;
}

interface Run {
  key: string | null;
  controller: AbortController | undefined;
  busy: boolean;
  again: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  startedAt: number;
  retryPause: number;
  /** The latest `refresh` seen, and the data last loaded: a load that already holds the change needs no other. */
  refresh: unknown;
  data: unknown;
}

/** Whether data loaded from a read model already includes what a change of `refresh` (events applied) announces. */
function holds(data: unknown, refresh: unknown): boolean {
  const applied = (data as { eventsApplied?: unknown } | undefined)?.eventsApplied;
  return typeof applied === 'number' && typeof refresh === 'number' && applied >= refresh;
}

const FIRST_RETRY_MS = 2000;
const LAST_RETRY_MS = 30_000;

/** `key` names what to load (null: nothing); `refresh` changes when what is behind it changed. */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, refresh: unknown = 0, minIntervalMs = 400): Resource<T> {
  const [state, setState] = useState<Resource<T>>({ data: undefined, error: undefined, loading: key !== null, loadedAt: undefined });
  const loader = useRef(load);
  loader.current = load;
  const run = useRef<Run>({ key: null, controller: undefined, busy: false, again: false, timer: undefined, startedAt: 0, retryPause: FIRST_RETRY_MS, refresh, data: undefined }).current;

  const start = (key: string, controller: AbortController, first = false): void => {
    run.timer = undefined;
    run.busy = true;
    run.again = false;
    run.startedAt = Date.now();
    // The first load of a key takes the answer of a load started early for it, if any (early-loads.ts).
    const early = first ? takeEarly<T>(key) : undefined;
    (early ? early.catch(() => loader.current(controller.signal)) : loader.current(controller.signal))
      .then(
        (data) => {
          run.retryPause = FIRST_RETRY_MS;
          if (controller.signal.aborted) return;
          run.data = data;
          if (run.again && holds(data, run.refresh)) run.again = false;
          setState({ data, error: undefined, loading: false, loadedAt: Date.now() });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({ ...previous, error: error as ApiError, loading: false }));
          const status = (error as ApiError).status;
          if (status === 503 || status === 0) {
            run.again = true;
            run.startedAt = Date.now() + run.retryPause - minIntervalMs;
            run.retryPause = Math.min(run.retryPause * 2, LAST_RETRY_MS);
          }
        },
      )
      .finally(() => {
        if (controller.signal.aborted || run.key !== key) return;
        run.busy = false;
        if (run.again) later(key, controller);
      });
  };
  const later = (key: string, controller: AbortController): void => {
    run.timer = setTimeout(() => start(key, controller), Math.max(0, run.startedAt + minIntervalMs - Date.now()));
  };

  useEffect(() => {
    run.key = key;
    run.data = undefined;
    if (key === null) {
      setState({ data: undefined, error: undefined, loading: false, loadedAt: undefined });
      return;
    }
    const controller = new AbortController();
    run.controller = controller;
    run.retryPause = FIRST_RETRY_MS;
    setState((previous) => ({ ...previous, error: undefined, loading: true }));
    start(key, controller, true);
    return () => {
      controller.abort();
      clearTimeout(run.timer);
      run.timer = undefined;
      run.busy = false;
    };
  }, [key]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (run.key === null || run.controller === undefined || run.controller.signal.aborted) return;
    run.refresh = refresh;
    // An answer that says it already includes what the change announces (the read models' answers carry the
    // events they were computed from) needs no second load: e.g. the first progress after the page opened.
    if (!run.busy && holds(run.data, refresh)) return;
    if (run.busy || run.timer !== undefined) run.again = true;
    else later(run.key, run.controller);
  }, [refresh]);

  return state;
}
