/**
 * Lead import (POST /leads/import): CSV pasted or read from a file, its rows shown as they will go (before), then
 * what became of each (after): captured (a link to the lead), a duplicate (a link to the lead it matches, and on
 * what), or refused (the column and why). The API parses and checks the rows; the page parses them only to show
 * them, with the same parser (csv-parse, loaded with this page). One click imports once: the Idempotency-Key
 * stays while the outcome is unknown, and a repeat of the same import finds its own leads and writes nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { useCommandForm } from '../commands/command-form';
import { Field, valueOf } from '../commands/fields';
import { formatMoney } from '../i18n/format';
import { t } from '../i18n/i18n';
import { AppLink } from '../ui/app-link';
import { ErrorNote } from '../ui/error-note';
import { Panel } from '../ui/panel';

type Row = Record<string, string>;

interface ImportResult {
  readonly imported: number;
  readonly leads: ReadonlyArray<{ row: number; leadId: string }>;
  readonly duplicates: ReadonlyArray<{ row: number; existingLeadId: string; matchedOn: string }>;
  readonly rejected: ReadonlyArray<{ row: number; field: string; reason: string }>;
}

/** The rows of CSV text as the API will read them (a header row; blank lines skipped; values trimmed), or why not. */
async function parseRows(text: string): Promise<{ rows: Row[] } | { problem: string }> {
  const { parse } = await import('csv-parse/browser/esm/sync');
  try {
    return { rows: parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Row[] };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

const COLUMNS = ['company', 'taxId', 'contactName', 'email', 'phone', 'estimatedValue', 'currency'] as const;

export function LeadImportPage() {
  const form = useCommandForm();
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<{ rows: Row[] } | { problem: string } | undefined>();
  const [result, setResult] = useState<{ text: string; answer: ImportResult } | undefined>();
  useEffect(() => {
    let current = true;
    if (text.trim() === '') setParsed(undefined);
    else void parseRows(text).then((rows) => current && setParsed(rows));
    return () => {
      current = false;
    };
  }, [text]);
  const rows = parsed && 'rows' in parsed ? parsed.rows : [];
  // The outcome belongs to the text it was imported from: edited since, the rows show as they will go again.
  const answer = result && result.text === text ? result.answer : undefined;
  return (
    <>
      <div class="page-title">
        <h1>{t('import.title')}</h1>
      </div>
      <div class="grid">
        <Panel title={t('import.source')} wide>
          <form
            class="import-form"
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              const sent = text;
              const outcome = await form.submit((headers) =>
                api.POST('/leads/import', {
                  body: sent as never,
                  bodySerializer: (body: unknown) => body as string,
                  headers: { ...headers, 'content-type': 'text/csv' },
                }),
              );
              if (outcome.ok) setResult({ text: sent, answer: outcome.value as ImportResult });
            }}
          >
            <p class="muted">{t('import.columns', { columns: COLUMNS.join(', ') })}</p>
            <Field form={form} formId="import" name="body" label={t('import.paste')}>
              {(attributes) => <textarea {...attributes} rows={8} class="import-text" spellcheck={false} value={text} onInput={(event) => setText(valueOf(event))} />}
            </Field>
            <div class="field">
              <label for="import-file">{t('import.file')}</label>
              <input
                id="import-file"
                type="file"
                accept=".csv,text/csv"
                onChange={async (event) => {
                  const file = (event.target as HTMLInputElement).files?.[0];
                  if (file) setText(await file.text());
                }}
              />
            </div>
            {form.error && form.error.field !== 'body' && <ErrorNote error={form.error} />}
            <button type="submit" class="button" disabled={form.busy || rows.length === 0} aria-busy={form.busy ? 'true' : undefined}>
              {t('import.submit', { count: rows.length })}
            </button>
          </form>
        </Panel>
        {parsed && 'problem' in parsed && (
          <Panel title={t('import.rows')} wide>
            <p class="field-problem" data-testid="import-problem">
              {t('import.unreadable', { problem: parsed.problem })}
            </p>
          </Panel>
        )}
        {rows.length > 0 && (
          <Panel title={answer ? t('import.result', { imported: answer.imported, duplicates: answer.duplicates.length, rejected: answer.rejected.length }) : t('import.rows')} wide>
            <ImportRows rows={rows} answer={answer} />
          </Panel>
        )}
      </div>
    </>
  );
}

function ImportRows({ rows, answer }: { readonly rows: readonly Row[]; readonly answer: ImportResult | undefined }) {
  return (
    <table data-testid="import-rows">
      <thead>
        <tr>
          <th scope="col" class="number">
            {t('import.row')}
          </th>
          <th scope="col">{t('lead.company')}</th>
          <th scope="col">{t('lead.taxId')}</th>
          <th scope="col">{t('lead.contact')}</th>
          <th scope="col">{t('lead.email')}</th>
          <th scope="col">{t('lead.phone')}</th>
          <th scope="col" class="number">
            {t('lead.value')}
          </th>
          {answer && <th scope="col">{t('import.outcome')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index} data-row={index + 1}>
            <td class="number">{index + 1}</td>
            <th scope="row">{row.company}</th>
            <td>{row.taxId}</td>
            <td>{row.contactName}</td>
            <td>{row.email}</td>
            <td>{row.phone}</td>
            <td class="number">{row.estimatedValue && Number.isFinite(Number(row.estimatedValue)) ? formatMoney(Number(row.estimatedValue), row.currency || 'RUB') : row.estimatedValue}</td>
            {answer && <td>{outcomeOf(answer, index + 1)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What became of a row (numbered from 1 after the header), in words, with the lead it made or matches linked. */
function outcomeOf(answer: ImportResult, row: number) {
  const lead = answer.leads.find((each) => each.row === row);
  if (lead) {
    return (
      <span class="outcome-imported">
        {t('import.imported')} · <AppLink path={`/app/leads/${encodeURIComponent(lead.leadId)}`}>{t('import.openLead')}</AppLink>
      </span>
    );
  }
  const duplicate = answer.duplicates.find((each) => each.row === row);
  if (duplicate) {
    return (
      <span class="outcome-duplicate">
        {t('import.duplicate', { on: t(`import.matchedOn.${duplicate.matchedOn as 'email'}`) })} ·{' '}
        <AppLink path={`/app/leads/${encodeURIComponent(duplicate.existingLeadId)}`}>{t('import.openMatch')}</AppLink>
      </span>
    );
  }
  const rejected = answer.rejected.find((each) => each.row === row);
  if (rejected) return <span class="outcome-rejected">{t('import.rejected', { field: rejected.field, reason: rejected.reason })}</span>;
  return '—';
}
