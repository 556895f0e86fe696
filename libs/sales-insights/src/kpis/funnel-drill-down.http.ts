/** GET /kpis/funnel/{stage}: the leads or deals behind one stage of the activity or the cohort funnel of GET /kpis. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { FUNNEL_STAGES, FUNNEL_VIEWS } from '#libs/projections';
import { GetFunnelDrillDownQuery } from './funnel-drill-down.handler';
import { FUNNEL_DRILL_DOWN_SCHEMA } from './funnel-drill-down.schema';
import { parseChoice, parseInteger, parseKpiQuery } from './kpi-query';
import { AS_OF_QUERY } from './openapi-parts';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class FunnelDrillDownController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'The leads or deals behind a funnel stage' })
  @Get('funnel/:stage')
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: FUNNEL_DRILL_DOWN_SCHEMA, description: 'the leads or deals counted in that stage, newest first' })
  @ApiParam({ name: 'stage', enum: FUNNEL_STAGES, description: 'captured … handedOff list leads; dealOpened … won list deals' })
  @ApiQuery({
    name: 'view', required: false, enum: FUNNEL_VIEWS,
    description: 'activity (default): what reached the stage within the period, as `funnel` of GET /kpis; cohort: the leads captured in the period that have reached it, or a later stage, as `cohortFunnel.funnel`',
  })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery(AS_OF_QUERY)
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 100' })
  @ApiQuery({ name: 'offset', required: false, description: 'items to skip, default 0' })
  stage(
    @Param('stage') stageText: string,
    @Query('view') viewText?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('asOf') asOf?: string,
    @Query('limit') limitText?: string,
    @Query('offset') offsetText?: string,
  ) {
    const stage = parseChoice(stageText, 'stage', FUNNEL_STAGES)!;
    const view = parseChoice(viewText, 'view', FUNNEL_VIEWS) ?? 'activity';
    const query = parseKpiQuery({ from, to, asOf }, Date.now());
    const limit = parseInteger(limitText, 'limit', 1, 500) ?? 100;
    const offset = parseInteger(offsetText, 'offset', 0, 1_000_000_000) ?? 0;
    return this.queryBus.execute(new GetFunnelDrillDownQuery({ ...query, stage, view, limit, offset }));
  }
}
