import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import { buildLeaderboard, type Leaderboard } from '#libs/projections';
import { KpiFacts, type KpiFactsAt } from './kpi-facts.service';
import type { KpiRequest } from './kpi-query';

export class GetLeaderboardQuery extends UseCaseQuery<KpiRequest, KpiFactsAt['stand'] & Leaderboard> {}

@QueryHandler(GetLeaderboardQuery)
export class GetLeaderboardHandler implements IQueryHandler<GetLeaderboardQuery> {
  constructor(private readonly kpiFacts: KpiFacts) {}

  async execute({ input: { from, to, asOf } }: GetLeaderboardQuery) {
    const facts = await this.kpiFacts.at(asOf);
    return { ...facts.stand, ...buildLeaderboard(facts.documents, { from, to }) };
  }
}
