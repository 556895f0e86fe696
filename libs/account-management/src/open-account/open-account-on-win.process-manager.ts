/** Handoff 3: a deal won with a new client opens the client's account, with the least-loaded farmer. */
import type { Actor } from '#libs/contracts';
import { causedBy, defineProcessManager, type Commands, type ProcessManager } from '#libs/event-sourcing';
import type { RosterSource } from '#libs/platform';
import { accountDecider, accountStreamId } from '../account/account.decider';

export const ACCOUNT_HANDOFF_SERVICE: Actor = { userId: 'account-management.handoff', role: 'service' };

export function openAccountOnWin(runner: Commands, rosterSource: RosterSource): ProcessManager {
  return defineProcessManager('account-management.open-account-on-win', {
    DealWon: async (event) => {
      const won = event.data;
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
        causedBy(event, ACCOUNT_HANDOFF_SERVICE),
      );
    },
  });
}
