/**
 * GET /kpis: the head of sales' KPIs for a period, optionally grouped, live or as of a past moment (the query
 * checked by kpi-query.ts and answered over KpiFacts by its handler, as for every route under /kpis).
 */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { KPI_GROUP_BY } from '#libs/projections';
import { parseKpiQuery } from './kpi-query';
import { KPI_REPORT_SCHEMA } from './kpi-report.schema';
import { GetKpisQuery } from './kpis.handler';
import { AS_OF_QUERY } from './openapi-parts';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: "The head of sales' KPIs for a period, as of any moment" })
  @Get()
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: KPI_REPORT_SCHEMA, description: 'every KPI with the inputs it was computed from' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery({ name: 'groupBy', required: false, enum: KPI_GROUP_BY })
  @ApiQuery(AS_OF_QUERY)
  kpis(@Query('from') from?: string, @Query('to') to?: string, @Query('groupBy') groupBy?: string, @Query('asOf') asOf?: string) {
    return this.queryBus.execute(new GetKpisQuery(parseKpiQuery({ from, to, groupBy, asOf }, Date.now())));
  }
}
