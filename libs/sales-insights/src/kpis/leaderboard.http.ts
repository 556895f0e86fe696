/** GET /kpis/leaderboard: the department during the period, by role, each rep with their load, figures and plans. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '#libs/platform';
import { buildLeaderboard } from '#libs/projections';
import { KpiFacts } from './kpi-facts.service';
import { LEADERBOARD_SCHEMA } from './leaderboard.schema';
import { AS_OF_QUERY } from './openapi-parts';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class LeaderboardController {
  constructor(private readonly kpiFacts: KpiFacts) {}

  @ApiOperation({ summary: 'The reps ranked by their results' })
  @Get('leaderboard')
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: LEADERBOARD_SCHEMA, description: 'every rep of the period by role, with the figures of GET /kpis?groupBy=rep' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery(AS_OF_QUERY)
  async leaderboard(@Query('from') from?: string, @Query('to') to?: string, @Query('asOf') asOf?: string) {
    const query = this.kpiFacts.query({ from, to, asOf });
    const facts = await this.kpiFacts.at(query.asOf);
    return { ...facts.stand, ...buildLeaderboard(facts.documents, { from: query.from, to: query.to }) };
  }
}
