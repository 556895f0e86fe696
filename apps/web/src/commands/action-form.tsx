/**
 * One action on an item (a lead, a deal, an account) as its page offers it: a disclosure, closed until wanted,
 * with the action's fields, its submit and its refusal. The command goes once (command-form.ts) with the
 * revision the page was drawn from; a refusal naming one of the form's fields shows at it, any other beside the
 * submit; a version conflict reloads the item and lists the lines of its history the person had not seen.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import type { HistoryLine } from '../api/types';
import { historyText } from '../history/history-text';
import { t } from '../i18n/i18n';
import { ErrorNote } from '../ui/error-note';
import { useCommandForm, type CommandForm, type CommandHeaders } from './command-form';

/** What an action needs of the item it acts on: the revision it was drawn from, and what happened to it. */
export interface Revisioned {
  readonly revision: number;
  readonly history: readonly HistoryLine[];
}

/** The revision a conflict was refused at: the lines after it are what the person had not seen. */
interface Conflict {
  readonly seenRevision: number;
}

export interface ItemCommand {
  readonly form: CommandForm;
  readonly conflict: Conflict | undefined;
  /** Sends the command with If-Match at the item's revision; true once it was stored. */
  send<T>(call: (headers: CommandHeaders) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<boolean>;
}

/**
 * Sends an item's command; on a version conflict, remembers what the form had seen and reloads the item.
 * `ifMatch: false` for a command that writes to a stream of its own (a task requested for a deal): the item's
 * revision says nothing of it. Without an item (a rep joining the roster), no If-Match either.
 */
export function useItemCommand(item: Revisioned | undefined, onChanged: () => void, options: { readonly ifMatch?: boolean } = {}): ItemCommand {
  const form = useCommandForm();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  return {
    form,
    conflict,
    async send(call) {
      const seen = item === undefined || options.ifMatch === false ? undefined : item.revision;
      setConflict(undefined);
      const outcome = await form.submit(call, seen);
      if (outcome.ok) onChanged();
      else if ('error' in outcome && outcome.error.code === 'version-conflict' && seen !== undefined) {
        setConflict({ seenRevision: seen });
        onChanged();
      }
      return outcome.ok;
    },
  };
}

export function ActionForm(props: {
  readonly id: string;
  readonly title: string;
  readonly submitLabel: string;
  readonly item?: Revisioned;
  readonly command: ItemCommand;
  /** The names of the form's fields: a refusal naming one of them shows at its input. */
  readonly fields: readonly string[];
  readonly onSubmit: () => void;
  /** Opened at first (an action the page leads with). */
  readonly open?: boolean;
  readonly children: ComponentChildren;
}) {
  const { id, title, submitLabel, item, command, fields, onSubmit, children } = props;
  const { form, conflict } = command;
  const missed = conflict && item ? item.history.filter((line) => line.revision > conflict.seenRevision) : [];
  // A refusal of a field the form has shows at it; any other (a header, the item's state, no answer) shows here.
  const fieldless = form.error && (form.error.field === undefined || !fields.includes(form.error.field));
  return (
    <details class="action" id={id} data-testid={id} open={props.open}>
      <summary>{title}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {conflict && (
          <div class="error-note" role="alert" data-testid={`${id}-conflict`}>
            <p>{t('command.conflict')}</p>
            {missed.length > 0 && (
              <ul>
                {missed.map((line) => (
                  <li key={line.revision}>{historyText(line)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {fieldless && !conflict && <ErrorNote error={form.error as ApiError} />}
        <button type="submit" class="button" disabled={form.busy} aria-busy={form.busy ? 'true' : undefined}>
          {submitLabel}
        </button>
      </form>
    </details>
  );
}
