/** Handoff 3: a deal won with a new client opens the client's account, with the least-loaded farmer. */
import type { Static } from '@sinclair/typebox';
import type { DealWon, Actor } from '#libs/contracts';
import type { Commands, ProcessManager } from '#libs/event-sourcing';
import { accountDecider, accountStreamId } from '../account/account.decider';
import type { RosterSource } from '#libs/platform';

export const ACCOUNT_HANDOFF_SERVICE: Actor = { userId: 'account-management.handoff', role: 'service' };

export function openAccountOnWin(runner: Commands, rosterSource: RosterSource): ProcessManager {
  return {
    name: 'account-management.open-account-on-win',
    eventTypes: ['DealWon'],
    async handle(event) {
      const won = event.data as Static<typeof DealWon.schema>;
      if (!won.newClient) return;
      await rosterSource.whenCaughtUpTo(event.position);
      const choice = rosterSource.roster.leastLoaded('farmer');
      await runner.run(
        accountDecider,
        accountStreamId(won.accountId),
        {
          type: 'OpenAccount',
          by: ACCOUNT_HANDOFF_SERVICE,
          account: {
            accountId: won.accountId,
            dealId: won.dealId,
            company: won.company,
            contact: won.contact,
            openingRevenue: won.amount,
            // No farmer available: the account opens unowned, for the head of sales to assign.
            ...(choice ? { farmerId: choice.repId } : {}),
            rule: 'least-loaded',
            candidates: choice?.candidates ?? [],
            skipped: choice?.skipped ?? [],
          },
        },
        {
          actor: ACCOUNT_HANDOFF_SERVICE,
          correlationId: event.metadata.correlationId,
          causationId: event.eventId,
          now: event.occurredAt,
          idempotencyKey: event.eventId,
        },
      );
    },
  };
}
