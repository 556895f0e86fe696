import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import { buildLeaderboard, computeKpis } from '#libs/projections';
import { KpiFacts } from '../kpis/kpi-facts.service';
import type { KpiRequest } from '../kpis/kpi-query';
import { kpiTables } from './kpi-export';
import { leaderboardTable, type LeaderboardRow } from './leaderboard-export';
import type { SpreadsheetTable } from './spreadsheet-table';

export const EXPORT_CONTENTS = ['all', 'dashboard', 'leaderboard'] as const;

/** The tables of a download, computed by the same code as GET /kpis and GET /kpis/leaderboard; the route writes the file. */
export class GetKpiExportQuery extends UseCaseQuery<KpiRequest & { readonly content: (typeof EXPORT_CONTENTS)[number] }, SpreadsheetTable[]> {}

@QueryHandler(GetKpiExportQuery)
export class GetKpiExportHandler implements IQueryHandler<GetKpiExportQuery> {
  constructor(private readonly kpiFacts: KpiFacts) {}

  async execute({ input: { content, from, to, asOf } }: GetKpiExportQuery): Promise<SpreadsheetTable[]> {
    const facts = await this.kpiFacts.at(asOf);
    const view = { from, to, asOf: asOf ?? null };
    const tables: SpreadsheetTable[] = [];
    if (content !== 'leaderboard') tables.push(...kpiTables(computeKpis(facts.documents, { from, to }), view));
    if (content !== 'dashboard') {
      const board = buildLeaderboard(facts.documents, { from, to });
      tables.push(leaderboardTable(board.roles.flatMap((group) => group.reps.map(toExportRow)), view));
    }
    return tables;
  }
}

function toExportRow(row: ReturnType<typeof buildLeaderboard>['roles'][number]['reps'][number]): LeaderboardRow {
  return {
    repId: row.repId,
    name: row.name,
    role: row.role,
    available: row.available,
    capacity: row.capacity,
    openWork: row.openWork,
    load: row.load,
    planAttainment: row.planAttainment,
    figures: {
      won: row.figures.won,
      lost: row.figures.lost,
      winRate: row.figures.winRate,
      newBusinessRevenue: row.figures.revenue.newBusiness,
      repeatRevenue: row.figures.revenue.repeat,
      meetingsHeld: row.figures.meetingsHeld,
      attempts: row.figures.attempts,
      touchpoints: row.figures.touchpoints,
    },
  };
}
