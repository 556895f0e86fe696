import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type AccountEvent } from '#libs/contracts';
import { notFound, personalDataSummary, readStreamHistory, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { accountStreamId } from './account.decider';
import { foldAccountView, type AccountView } from './account.view';

export class GetAccountQuery extends UseCaseQuery<{ readonly accountId: string }, AccountView & { personalData: PersonalDataSummary }> {}

/** Reads one account's stream into its view; 404 for an unknown account. */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { accountId } }: GetAccountQuery): Promise<AccountView & { personalData: PersonalDataSummary }> {
    const view = foldAccountView(await readStreamHistory<AccountEvent>(this.store, catalogueEventSchemas, accountStreamId(accountId)));
    if (!view) throw notFound('account-not-found', `account ${accountId} does not exist`);
    return { ...view, personalData: await personalDataSummary(this.store, accountStreamId(accountId)) };
  }
}
