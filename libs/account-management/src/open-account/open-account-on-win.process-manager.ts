/** Handoff 3: a deal won with a new client opens the client's account, with the least-loaded farmer. */
import type { Actor } from '#libs/contracts';
import { causedBy, defineProcessManager, type ProcessManager } from '#libs/event-sourcing';
import type { CommandSender, RosterSource } from '#libs/platform';
import { OpenAccountCommand } from './open-account.handler';

export const ACCOUNT_HANDOFF_SERVICE: Actor = { userId: 'account-management.handoff', role: 'service' };

export function openAccountOnWin(commandBus: CommandSender, rosterSource: RosterSource): ProcessManager {
  return defineProcessManager('account-management.open-account-on-win', {
    DealWon: async (event) => {
      const won = event.data;
      await rosterSource.whenCaughtUpTo(event.position);
      const choice = rosterSource.roster.leastLoaded('farmer');
      await commandBus.execute(
        new OpenAccountCommand(
          {
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
          causedBy(event, ACCOUNT_HANDOFF_SERVICE),
        ),
      );
    },
  });
}
