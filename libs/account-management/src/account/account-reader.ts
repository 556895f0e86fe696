import { Inject, Injectable } from '@nestjs/common';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { catalogueEventSchemas, type AccountEvent } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { accountStreamId } from './account.decider';
import { foldAccountView, type AccountView } from './account.view';

/** Reads one account's stream into its view; 404 for an unknown account. */
@Injectable()
export class AccountReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(accountId: string): Promise<AccountView> {
    const view = foldAccountView(await readStreamHistory<AccountEvent>(this.store, catalogueEventSchemas, accountStreamId(accountId)));
    if (!view) throw notFound('account-not-found', `account ${accountId} does not exist`);
    return view;
  }
}
