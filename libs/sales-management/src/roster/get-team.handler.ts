import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RosterHost, UseCaseQuery, type RosterEntry } from '#libs/platform';

export class GetTeamQuery extends UseCaseQuery<void, RosterEntry[]> {}

/** The roster routing reads, once it has followed the store up to now (503 until it has). */
@QueryHandler(GetTeamQuery)
export class GetTeamHandler implements IQueryHandler<GetTeamQuery> {
  constructor(private readonly rosterHost: RosterHost) {}

  async execute(): Promise<RosterEntry[]> {
    await this.rosterHost.whenCaughtUp();
    return this.rosterHost.roster.list();
  }
}
