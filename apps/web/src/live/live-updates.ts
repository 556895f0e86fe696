/**
 * One Server-Sent Events connection per page (GET /live) carrying the read models' progress; a view
 * refetches when the projection it reads applied new events. EventSource reconnects by itself after a
 * dropped connection; when the server refused it (a 401 after the session ended), it is opened again with a
 * growing pause.
 */
import { signal } from '@preact/signals';

export interface ProjectionProgress {
  readonly state: string;
  readonly position: string | null;
  readonly eventsApplied: number;
}

export const liveState = signal<'off' | 'connecting' | 'open' | 'reconnecting'>('off');
export const liveProgress = signal<Readonly<Record<string, ProjectionProgress>>>({});
export const liveUpdatedAt = signal<number | null>(null);

let source: EventSource | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;
let pause = 1000;

export function startLive(): void {
  if (source !== undefined) return;
  liveState.value = liveState.value === 'off' ? 'connecting' : 'reconnecting';
  const events = new EventSource('/live', { withCredentials: true });
  source = events;
  events.onopen = () => {
    liveState.value = 'open';
    pause = 1000;
  };
  events.addEventListener('progress', (message) => {
    const body = JSON.parse((message as MessageEvent<string>).data) as { projections: Record<string, ProjectionProgress> };
    liveProgress.value = body.projections;
    liveUpdatedAt.value = Date.now();
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) {
      source = undefined;
      liveState.value = 'reconnecting';
      retry = setTimeout(startLive, pause);
      pause = Math.min(pause * 2, 30_000);
    } else {
      liveState.value = 'reconnecting';
    }
  };
}

export function stopLive(): void {
  clearTimeout(retry);
  source?.close();
  source = undefined;
  liveState.value = 'off';
}

/** What a view reads changes when this does: the events a projection applied. */
export function appliedBy(projection: string): number {
  return liveProgress.value[projection]?.eventsApplied ?? 0;
}
