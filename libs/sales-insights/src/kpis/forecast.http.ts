/**
 * GET /kpis/forecast: where the period will end, as forecast at a moment, beside what it actually achieved.
 * Money and deals: achieved + open deals by their stage's odds + the new pipeline (forecastPeriod in libs/projections).
 */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { GetForecastQuery } from './forecast.handler';
import { FORECAST_SCHEMA } from './forecast.schema';
import { invalid, parseInstant, parseKpiQuery } from './kpi-query';
import { AS_OF_QUERY } from './openapi-parts';

const monthStart = (at: number) => Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth(), 1);
const nextMonthStart = (at: number) => Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth() + 1, 1);

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class ForecastController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: "Forecast of the period's results" })
  @Get('forecast')
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: FORECAST_SCHEMA, description: 'per plan of the period, and for the team\'s new business per currency: the forecast, how it was made, and the actual' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: the 1st of the month of `to`, or of asOf/now); plans whose period is exactly [from, to) are forecast' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: the 1st of the month after `from`, or after asOf/now)' })
  @ApiQuery(AS_OF_QUERY)
  @ApiQuery({
    name: 'madeAt', required: false,
    description: 'when the forecast is made: only what had happened by then counts (default: asOf, else now, but not after `to`); within [from, to], not after asOf or now',
  })
  forecast(@Query('from') from?: string, @Query('to') to?: string, @Query('asOf') asOf?: string, @Query('madeAt') madeAtText?: string) {
    const query = parseKpiQuery(
      { from, to, asOf },
      Date.now(),
      { to: (start, reference) => nextMonthStart(start ?? reference), from: (end) => monthStart(end - 1) },
    );
    if (query.from > query.reference) throw invalid('from', `the period must have begun by ${query.asOf === undefined ? 'now' : 'asOf'} to be forecast`);
    const madeAt = parseInstant(madeAtText, 'madeAt') ?? Math.min(query.reference, query.to);
    if (madeAt < query.from || madeAt > query.to) throw invalid('madeAt', 'must be within the period [from, to]');
    if (madeAt > query.reference) throw invalid('madeAt', `must not be after ${query.asOf === undefined ? 'now' : 'asOf'}: what happens later is not known yet`);
    return this.queryBus.execute(new GetForecastQuery({ ...query, madeAt }));
  }
}
