import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { catalogueEventSchemas, type AccountEvent } from '#libs/contracts';
import { historyOf, notFound, personalDataSummary, readStreamHistory, type HistoryEntry, type PersonalDataSummary } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';
import { accountStreamId } from './account.decider';
import { accountHistoryDetail, foldAccountView, type AccountView } from './account.view';

/** The account's view, its history line by line, and whose personal data it holds. */
export type AccountPage = AccountView & { history: HistoryEntry[]; personalData: PersonalDataSummary };

export class GetAccountQuery extends UseCaseQuery<{ readonly accountId: string }, AccountPage> {}

/** Reads one account's stream into its view; 404 for an unknown account. */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { accountId } }: GetAccountQuery): Promise<AccountPage> {
    const items = await readStreamHistory<AccountEvent>(this.store, catalogueEventSchemas, accountStreamId(accountId));
    const view = foldAccountView(items);
    if (!view) throw notFound('account-not-found', `account ${accountId} does not exist`);
    return { ...view, history: historyOf(items, accountHistoryDetail), personalData: await personalDataSummary(this.store, accountStreamId(accountId)) };
  }
}
