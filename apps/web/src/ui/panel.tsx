/** A titled part of a page; an error of the call behind it shows inside it, where it concerns. */
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import { ErrorNote } from './error-note';

interface PanelProps {
  readonly title: string;
  readonly id?: string;
  readonly actions?: ComponentChildren;
  readonly error?: ApiError | undefined;
  readonly loading?: boolean;
  readonly wide?: boolean;
  readonly children: ComponentChildren;
}

export function Panel({ title, id, actions, error, loading, wide, children }: PanelProps) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class={`panel${wide ? ' panel-wide' : ''}${loading ? ' is-loading' : ''}`} aria-labelledby={headingId} aria-busy={loading ? 'true' : undefined} id={id}>
      <header class="panel-header">
        <h2 id={headingId}>{title}</h2>
        {actions && <div class="panel-actions">{actions}</div>}
      </header>
      {error && <ErrorNote error={error} />}
      {children}
    </section>
  );
}
