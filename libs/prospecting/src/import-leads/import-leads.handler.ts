import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnLead } from '../lead/run-on-lead';
import { checkImportRow, type ImportRow, type RejectedRow } from './import-rows';
import type { LeadIdentity, MatchedOn } from './lead-identity';
import { LeadIdentityHost } from './lead-identity.host';

export interface ImportResult {
  importId: string;
  imported: number;
  leads: Array<{ row: number; leadId: string }>;
  duplicates: Array<{ row: number; existingLeadId: string; matchedOn: MatchedOn }>;
  rejected: RejectedRow[];
}

const IMPORT_ID_NAMESPACE = '4ca0fbbd-e4f7-42a9-9320-4b5c6d7e8f90';
const IMPORTED_LEAD_NAMESPACE = '5db10cce-f508-43ba-a431-5c6d7e8f9001';
/** Leads captured side by side: each is its own stream, so they do not contend. */
const CONCURRENCY = 16;

/** The rows of one import, as parsed from JSON or CSV (each still to be checked). */
export class ImportLeadsCommand extends UseCaseCommand<ReadonlyArray<Record<string, unknown>>, ImportResult> {}

/**
 * Checks every row, reports a row matching an existing lead (or an earlier row) by tax id, e-mail or phone as a
 * duplicate, and captures the rest. With an Idempotency-Key the lead ids derive from it and the row number, so
 * that a repeated import finds its own leads and writes nothing new.
 */
@CommandHandler(ImportLeadsCommand)
export class ImportLeadsHandler implements ICommandHandler<ImportLeadsCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly identities: LeadIdentityHost,
  ) {}

  async execute({ input: records, envelope, options }: ImportLeadsCommand): Promise<ImportResult> {
    const importId = newIdFor(envelope, IMPORT_ID_NAMESPACE);
    const leadIdFor = (row: number): string =>
      envelope.idempotencyKey === undefined ? uuidv7() : uuidv5(`${envelope.idempotencyKey}\u0000${row}`, IMPORTED_LEAD_NAMESPACE);

    const result: ImportResult = { importId, imported: 0, leads: [], duplicates: [], rejected: [] };
    const rows: ImportRow[] = [];
    records.forEach((record, index) => {
      const row = checkImportRow(record, index + 1);
      if ('field' in row) result.rejected.push(row);
      else rows.push(row);
    });
    const identityOf = (row: ImportRow): LeadIdentity => ({ taxId: row.company.taxId, email: row.contact.email, phone: row.contact.phone });
    await this.identities.whenCurrent();
    const stored = await this.identities.matcher(rows.map(identityOf));
    const rowsBefore = this.identities.newImportIndex();
    const accepted: Array<ImportRow & { leadId: string }> = [];
    for (const row of rows) {
      const leadId = leadIdFor(row.row);
      const identity = identityOf(row);
      const existing = stored(identity) ?? rowsBefore.find(identity);
      // A repeat of this very import (same Idempotency-Key) finds its own lead: not a duplicate.
      if (existing && existing.leadId !== leadId) {
        result.duplicates.push({ row: row.row, existingLeadId: existing.leadId, matchedOn: existing.matchedOn });
        continue;
      }
      // Remembered at once, so that a later row of the same file is found as its duplicate.
      rowsBefore.remember(leadId, identity);
      accepted.push({ ...row, leadId });
    }

    let next = 0;
    const work = async (): Promise<void> => {
      while (next < accepted.length) {
        const row = accepted[next++]!;
        const lead = {
          leadId: row.leadId,
          company: row.company,
          contact: row.contact,
          source: 'import' as const,
          importId,
          ...(row.estimatedValue ? { estimatedValue: row.estimatedValue } : {}),
        };
        const rowEnvelope = { ...envelope, idempotencyKey: envelope.idempotencyKey === undefined ? undefined : `${envelope.idempotencyKey}:${row.row}` };
        await runOnLead(this.runner, row.leadId, { type: 'CaptureLead', by: envelope.actor, lead }, rowEnvelope, options);
        result.leads.push({ row: row.row, leadId: row.leadId });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accepted.length) }, work));
    result.leads.sort((a, b) => a.row - b.row);
    result.imported = result.leads.length;
    return result;
  }
}
