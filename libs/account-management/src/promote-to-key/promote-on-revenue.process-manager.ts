/** Handoff 4: an account whose won revenue reaches the threshold is promoted, to the least-loaded KAM. */
import type { Actor } from '#libs/contracts';
import { causedBy, defineProcessManager, type LoadState, type ProcessManager, type ProcessManagerLog } from '#libs/event-sourcing';
import type { StoredEvent } from '#libs/event-store';
import type { CommandSender, RosterSource } from '#libs/platform';
import { accountDecider, accountStreamId } from '../account/account.decider';
import { PromoteAccountIfOverThresholdCommand } from './promote-on-revenue.handler';

export const KEY_ACCOUNT_SERVICE: Actor = { userId: 'account-management.key-accounts', role: 'service' };

export function promoteOnRevenue(
  commandBus: CommandSender,
  load: LoadState,
  rosterSource: RosterSource,
  threshold: number,
  log: ProcessManagerLog,
): ProcessManager {
  /** Whatever raised the account's revenue: promote it once it has passed the threshold. */
  const promoteIfOverThreshold = async (accountId: string, event: StoredEvent): Promise<void> => {
    const { state } = await load(accountDecider, accountStreamId(accountId));
    if (state.status !== 'active' || state.key || state.revenue.amount < threshold) return;
    await rosterSource.whenCaughtUpTo(event.position);
    const choice = rosterSource.roster.leastLoaded('kam');
    if (!choice) {
      log.warn(`account ${accountId} passed the key-account threshold, but no KAM is available`);
      return;
    }
    const promotion = { accountId, kamId: choice.repId, rule: 'least-loaded', candidates: choice.candidates, skipped: choice.skipped } as const;
    await commandBus.execute(new PromoteAccountIfOverThresholdCommand({ threshold, promotion }, causedBy(event, KEY_ACCOUNT_SERVICE)));
  };
  return defineProcessManager('account-management.promote-on-revenue', {
    AccountOpened: (event) => promoteIfOverThreshold(event.data.accountId, event),
    RepeatSaleWon: (event) => promoteIfOverThreshold(event.data.accountId, event),
  });
}
