/** GET /kpis/leaderboard: the department during the period, by role, each rep with their load, figures and plans. */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { parseKpiQuery } from './kpi-query';
import { GetLeaderboardQuery } from './leaderboard.handler';
import { LEADERBOARD_SCHEMA } from './leaderboard.schema';
import { AS_OF_QUERY } from './openapi-parts';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class LeaderboardController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'The reps ranked by their results' })
  @Get('leaderboard')
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: LEADERBOARD_SCHEMA, description: 'every rep of the period by role, with the figures of GET /kpis?groupBy=rep' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery(AS_OF_QUERY)
  leaderboard(@Query('from') from?: string, @Query('to') to?: string, @Query('asOf') asOf?: string) {
    return this.queryBus.execute(new GetLeaderboardQuery(parseKpiQuery({ from, to, asOf }, Date.now())));
  }
}
