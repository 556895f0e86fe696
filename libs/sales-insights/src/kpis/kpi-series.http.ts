/** GET /kpis/series: the KPIs week by week or month by month, each bucket's report exactly GET /kpis over it. */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { KPI_GROUP_BY, MAX_SERIES_BUCKETS, SERIES_INTERVALS, defaultSeriesFrom, seriesBuckets } from '#libs/projections';
import { invalid, parseChoice, parseKpiQuery } from './kpi-query';
import { GetKpiSeriesQuery } from './kpi-series.handler';
import { KPI_SERIES_SCHEMA } from './kpi-series.schema';
import { AS_OF_QUERY } from './openapi-parts';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpiSeriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'KPIs as a time series' })
  @Get('series')
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: KPI_SERIES_SCHEMA, description: 'one GET /kpis report per week or month of the period' })
  @ApiQuery({ name: 'interval', required: false, enum: SERIES_INTERVALS, description: 'ISO weeks (from Monday 00:00 UTC) or calendar months (UTC); default month' })
  @ApiQuery({ name: 'from', required: false, description: 'start, inclusive (default: the 12 whole intervals before the one `to` falls in)' })
  @ApiQuery({ name: 'to', required: false, description: 'end, exclusive (default: asOf, else now); the first and last bucket are cut at from and to' })
  @ApiQuery({ name: 'groupBy', required: false, enum: KPI_GROUP_BY })
  @ApiQuery(AS_OF_QUERY)
  series(
    @Query('interval') intervalText?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('groupBy') groupBy?: string,
    @Query('asOf') asOf?: string,
  ) {
    const interval = parseChoice(intervalText, 'interval', SERIES_INTERVALS) ?? 'month';
    const query = parseKpiQuery({ from, to, groupBy, asOf }, Date.now(), { from: (end) => defaultSeriesFrom(interval, end) });
    const buckets = seriesBuckets(interval, query.from, query.to, MAX_SERIES_BUCKETS).length;
    if (buckets > MAX_SERIES_BUCKETS) throw invalid('from', `at most ${MAX_SERIES_BUCKETS} ${interval}s before to: move from later or use a longer interval`);
    return this.queryBus.execute(new GetKpiSeriesQuery({ ...query, interval }));
  }
}
