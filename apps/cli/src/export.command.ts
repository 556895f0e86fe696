/** export --format ndjson|csv: the stored history, filtered, into a file, with progress. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EventStore } from '#libs/event-store';
import { escapeFormula, storedEnvelope } from '#libs/sales-insights';
import { CliError, parseDate } from './cli-error';
import { Progress } from './progress';

interface ExportOptions {
  readonly format?: string;
  readonly from?: string;
  readonly to?: string;
  readonly type?: string;
  readonly out?: string;
}

const COLUMNS = ['eventId', 'type', 'schemaVersion', 'streamId', 'streamRevision', 'globalPosition', 'occurredAt', 'recordedAt', 'data', 'metadata'] as const;
/** The CSV's last column: the personal fields of an erased data subject (null in `data`), comma-separated. */
const ERASED_COLUMN = 'erasedFields';

/**
 * RFC 4180: every field quoted, quotes doubled; data and metadata as JSON text. A field a spreadsheet would
 * take for a formula gets a leading `'`, as in the KPI exports (formula-escape.ts): none of the envelope's
 * fields starts so today (ids, types, times, JSON objects), and none may tomorrow. Nothing else is changed:
 * the file is for machines too, and its JSON must read back as stored.
 */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map((value) => `"${escapeFormula(typeof value === 'string' ? value : JSON.stringify(value)).replaceAll('"', '""')}"`).join(',')}\r\n`;
}

async function openOutput(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags: 'w' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  }
  return stream;
}

export async function exportHistory(options: ExportOptions, store: EventStore, out: NodeJS.WritableStream): Promise<void> {
  const format = options.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new CliError(`--format must be ndjson or csv (got "${format}")`);
  const from = parseDate(options.from, '--from');
  const to = parseDate(options.to, '--to');
  if (from && to && from >= to) throw new CliError('--from must be before --to');
  const types = options.type?.split(',').map((type) => type.trim()).filter(Boolean);
  if (options.type !== undefined && (types === undefined || types.length === 0)) throw new CliError('--type needs event type names, comma-separated');
  const path = options.out ?? `sales-ops-events.${format === 'csv' ? 'csv' : 'ndjson'}`;
  const file = await openOutput(path);
  const head = await store.headPosition();
  const total = head === 'start' ? 1 : head.prepare;
  const progress = new Progress('exporting');
  let written = 0;
  if (format === 'csv') file.write(csvLine([...COLUMNS, ERASED_COLUMN]));
  for await (const event of store.readAll({
    batchSize: 5000,
    ...(types ? { filter: { eventTypes: types } } : {}),
    ...(to ? { until: { recordedAt: new Date(to.getTime() - 1) } } : {}),
  })) {
    if (from && event.recordedAt < from) continue;
    const record = storedEnvelope(event);
    const line = format === 'csv' ? csvLine([...COLUMNS.map((column) => record[column]), (event.erasedFields ?? []).join(',')]) : `${JSON.stringify(record)}\n`;
    if (!file.write(line)) await once(file, 'drain');
    written++;
    if (written % 2000 === 0) progress.update(event.position.prepare / total, written);
  }
  progress.update(1, written, true);
  file.end();
  await once(file, 'finish');
  out.write(`wrote ${written.toLocaleString('en')} events to ${path}\n`);
}
