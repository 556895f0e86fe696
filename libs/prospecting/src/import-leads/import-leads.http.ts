import { Body, Controller, Headers, HttpCode, Post, Req, UnsupportedMediaTypeException, BadRequestException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor } from '#libs/contracts';
import { CurrentActor, RequirePermission, arrayOf, commandEnvelope, count, described, enumOf, object, text } from '#libs/platform';
import { ImportLeadsCommand, type ImportResult } from './import-leads.handler';
import { ImportFormatError, parseImportBody } from './import-rows';

const row = described(count, 'the row number, 1 for the first row after the header');

const IMPORT_RESULT_SCHEMA = object({
  importId: text,
  imported: described(count, 'leads captured'),
  leads: arrayOf(object({ row, leadId: text }), 'the leads captured, by row'),
  duplicates: arrayOf(
    object({ row, existingLeadId: described(text, 'the lead it matches (an earlier row of this import, or one stored before)'), matchedOn: enumOf(['taxId', 'email', 'phone']) }),
    'rows matching a lead by tax id, e-mail or phone: not captured',
  ),
  rejected: arrayOf(object({ row, field: described(text, 'the column refused'), reason: text }), 'rows refused, with the field and why: not captured'),
});

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class ImportLeadsController {
  constructor(private readonly commandBus: CommandBus) {}

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
  @ApiOkResponse({ schema: IMPORT_RESULT_SCHEMA })
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
    // Many streams, no revision to match: If-Match is not read, and the answer carries no ETag.
    return this.commandBus.execute(new ImportLeadsCommand(records, commandEnvelope(request, actor)));
  }
}
