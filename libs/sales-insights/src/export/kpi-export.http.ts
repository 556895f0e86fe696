/**
 * GET /kpis/export: the dashboard's figures and the leaderboard as files, in the period and as-of asked, for
 * the head of sales' downloads and for any service: CSV (one table, or several one after another) or an Excel
 * workbook (one sheet a table). Its tables come from GetKpiExportQuery (kpi-export.handler.ts), computed by the
 * same code as GET /kpis and GET /kpis/leaderboard; this route writes them as a file. Text cells that a
 * spreadsheet would take for a formula are escaped (formula-escape.ts). Rep names are in the files (the head
 * of sales' own download) and nowhere in the logs.
 */
import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '#libs/platform';
import { parseChoice, parseKpiQuery } from '../kpis/kpi-query';
import { AS_OF_QUERY } from '../kpis/openapi-parts';
import { CSV_CONTENT_TYPE, writeCsv, writeCsvSections } from './csv-writer';
import { resolveView, viewCaption } from './export-view';
import { EXPORT_CONTENTS, GetKpiExportQuery } from './kpi-export.handler';
import { XLSX_CONTENT_TYPE, writeXlsx } from './xlsx-writer';

const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** sales-ops-dashboard_2025-07-01_2025-09-30_as-of_2025-09-30.xlsx: the file says what it holds. */
function exportFileName(content: string, from: number, to: number, asOf: number | undefined, format: string): string {
  const lastDay = to % 86_400_000 === 0 ? to - 1 : to;
  return `sales-ops-${content}_${day(from)}_${day(lastDay)}${asOf === undefined ? '' : `_as-of_${day(asOf)}`}.${format}`;
}

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpiExportController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'KPIs and leaderboard as a spreadsheet or CSV' })
  @Get('export')
  @RequirePermission('kpi:read')
  @ApiProduces(XLSX_CONTENT_TYPE, 'text/csv')
  @ApiOkResponse({
    description:
      'an attachment: xlsx — a workbook with the sheets Summary, Plans, Funnel, Loss reasons (content dashboard or all) and ' +
      'Leaderboard (leaderboard or all); csv — those tables one after another, each under its title (one table alone ' +
      'without a title), UTF-8 with a byte-order mark. Text that a spreadsheet would read as a formula (starting with = + - @) ' +
      "is written with a leading '.",
    content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiQuery({ name: 'format', required: false, enum: EXPORT_FORMATS, description: 'default xlsx' })
  @ApiQuery({ name: 'content', required: false, enum: EXPORT_CONTENTS, description: 'default all: the dashboard\'s figures and the leaderboard' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery(AS_OF_QUERY)
  async export(
    @Res() response: Response,
    @Query('format') formatText?: string,
    @Query('content') contentText?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('asOf') asOf?: string,
  ): Promise<void> {
    const format = parseChoice(formatText, 'format', EXPORT_FORMATS) ?? 'xlsx';
    const content = parseChoice(contentText, 'content', EXPORT_CONTENTS) ?? 'all';
    const query = parseKpiQuery({ from, to, asOf }, Date.now());
    const tables = await this.queryBus.execute(new GetKpiExportQuery({ ...query, content }));
    const view = { from: query.from, to: query.to, asOf: query.asOf ?? null };
    const file =
      format === 'xlsx'
        ? await writeXlsx(tables, { title: `Sales-ops ${content === 'all' ? 'KPIs and leaderboard' : content}, ${viewCaption(resolveView(view))}` })
        : tables.length === 1
          ? writeCsv(tables[0]!)
          : writeCsvSections(tables);
    response.status(200);
    response.setHeader('Content-Type', format === 'xlsx' ? XLSX_CONTENT_TYPE : CSV_CONTENT_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="${exportFileName(content, query.from, query.to, query.asOf, format)}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(file);
  }
}
