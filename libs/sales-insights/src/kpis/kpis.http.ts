/**
 * GET /kpis: the head of sales' KPIs for a period, optionally grouped, live or as of a past moment (the facts
 * and the query's checks come from KpiFacts, as for every route under /kpis).
 */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { KPI_GROUP_BY, computeKpis } from '#libs/projections';
import { KpiFacts } from './kpi-facts.service';
import { KPI_REPORT_SCHEMA } from './kpi-report.schema';
import { AS_OF_QUERY } from './openapi-parts';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(private readonly kpiFacts: KpiFacts) {}

  @ApiOperation({ summary: "The head of sales' KPIs for a period, as of any moment" })
  @Get()
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: KPI_REPORT_SCHEMA, description: 'every KPI with the inputs it was computed from' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery({ name: 'groupBy', required: false, enum: KPI_GROUP_BY })
  @ApiQuery(AS_OF_QUERY)
  async kpis(@Query('from') from?: string, @Query('to') to?: string, @Query('groupBy') groupBy?: string, @Query('asOf') asOf?: string) {
    const query = this.kpiFacts.query({ from, to, groupBy, asOf });
    const facts = await this.kpiFacts.at(query.asOf);
    return { ...facts.stand, ...computeKpis(facts.documents, { from: query.from, to: query.to, ...(query.groupBy ? { groupBy: query.groupBy } : {}) }) };
  }
}
