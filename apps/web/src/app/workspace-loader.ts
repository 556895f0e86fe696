/**
 * The reps' item pages (a lead, a deal, an account, a task) and the lead import come in a chunk of their own:
 * a head of sales reading the dashboard never loads them, and the shell stays small. The first of them opened
 * (or the queue, from which they are opened) fetches it; a fetch that failed is tried again at the next render.
 */
import { signal } from '@preact/signals';

type WorkspacePages = typeof import('./workspace-pages');

const loaded = signal<WorkspacePages | undefined>(undefined);
let loading: Promise<void> | undefined;

/** The pages once loaded; undefined (and on their way) until then. */
export function workspacePages(): WorkspacePages | undefined {
  loading ??= import('./workspace-pages').then(
    (pages) => {
      loaded.value = pages;
    },
    () => {
      loading = undefined;
    },
  );
  return loaded.value;
}
