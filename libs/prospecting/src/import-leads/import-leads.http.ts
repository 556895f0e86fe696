import { Body, Controller, Headers, HttpCode, Post, Req, UnsupportedMediaTypeException, BadRequestException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

import { CommandBus } from '@nestjs/cqrs';
import { CurrentActor, RequirePermission, RunDeciderCommand, commandEnvelope, newIdFor } from '#libs/platform';
import { leadDecider, leadStreamId } from '../lead/lead.decider';
import { checkImportRow, ImportFormatError, parseImportBody, type ImportRow, type RejectedRow } from './import-rows';
import { LeadIdentityHost } from './lead-identity.host';
import type { MatchedOn } from './lead-identity';
import type { Actor } from '#libs/contracts';

interface ImportResult {
  importId: string;
  imported: number;
  leads: Array<{ row: number; leadId: string }>;
  duplicates: Array<{ row: number; existingLeadId: string; matchedOn: MatchedOn }>;
  rejected: RejectedRow[];
}

const IMPORT_ID_NAMESPACE = '4ca0fbbd-e4f7-42a9-9320-4b5c6d7e8f90';
const IMPORTED_LEAD_NAMESPACE = '5db10cce-f508-43ba-a431-5c6d7e8f9001';
const CONCURRENCY = 16;

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class ImportLeadsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly identities: LeadIdentityHost,
  ) {}

  /**
   * Imports up to 10,000 leads from a JSON array or CSV text (UTF-8, header row; columns company, taxId,
   * contactName, email, phone, estimatedValue, currency). A row matching an existing lead, or an earlier row,
   * by tax id, email or phone is reported as a duplicate; an invalid row is rejected with its field.
   */
  @ApiOperation({ summary: 'Import leads from CSV, JSON rows or a spreadsheet' })
  @Post('import')
  @HttpCode(200)
  @RequirePermission('lead:import')
  @ApiBody({ description: 'a JSON array of rows, or text/csv with a header row' })
  async import(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<ImportResult> {
    const type = contentType ?? '';
    if (!type.startsWith('application/json') && !type.startsWith('text/csv')) {
      throw new UnsupportedMediaTypeException({ code: 'unsupported-media-type', message: 'send application/json (an array) or text/csv' });
    }
    let records: Array<Record<string, unknown>>;
    try {
      records = parseImportBody(body, type);
    } catch (error) {
      if (error instanceof ImportFormatError) {
        throw new BadRequestException({ code: 'invalid-request', field: error.field, message: `${error.field}: ${error.message}` });
      }
      throw error;
    }
    const envelope = commandEnvelope(request, actor);
    const importId = newIdFor(envelope, IMPORT_ID_NAMESPACE);
    const leadIdFor = (row: number): string =>
      envelope.idempotencyKey === undefined ? uuidv7() : uuidv5(`${envelope.idempotencyKey}\u0000${row}`, IMPORTED_LEAD_NAMESPACE);

    await this.identities.whenCaughtUp();
    const result: ImportResult = { importId, imported: 0, leads: [], duplicates: [], rejected: [] };
    const accepted: Array<ImportRow & { leadId: string }> = [];
    records.forEach((record, index) => {
      const row = checkImportRow(record, index + 1);
      if ('field' in row) {
        result.rejected.push(row);
        return;
      }
      const leadId = leadIdFor(row.row);
      const identity = { taxId: row.company.taxId, email: row.contact.email, phone: row.contact.phone };
      const existing = this.identities.index.find(identity);
      // A repeat of this very import (same Idempotency-Key) finds its own lead: not a duplicate.
      if (existing && existing.leadId !== leadId) {
        result.duplicates.push({ row: row.row, existingLeadId: existing.leadId, matchedOn: existing.matchedOn });
        return;
      }
      // Remembered at once, so that a later row of the same file is found as its duplicate.
      this.identities.index.remember(leadId, identity);
      accepted.push({ ...row, leadId });
    });

    let next = 0;
    const work = async (): Promise<void> => {
      while (next < accepted.length) {
        const row = accepted[next++]!;
        await this.commandBus.execute(new RunDeciderCommand(
          leadDecider,
          leadStreamId(row.leadId),
          {
            type: 'CaptureLead',
            by: envelope.actor,
            lead: {
              leadId: row.leadId,
              company: row.company,
              contact: row.contact,
              source: 'import',
              importId,
              ...(row.estimatedValue ? { estimatedValue: row.estimatedValue } : {}),
            },
          },
          { ...envelope, idempotencyKey: envelope.idempotencyKey === undefined ? undefined : `${envelope.idempotencyKey}:${row.row}` },
        ));
        result.leads.push({ row: row.row, leadId: row.leadId });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accepted.length) }, work));
    result.leads.sort((a, b) => a.row - b.row);
    result.imported = result.leads.length;
    return result;
  }
}
