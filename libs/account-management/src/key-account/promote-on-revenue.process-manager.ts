/** Handoff 4: an account whose won revenue reaches the threshold is promoted, to the least-loaded KAM. */
import type { Commands, ProcessManager, ProcessManagerLog } from '#libs/event-sourcing';
import { accountDecider, accountStreamId } from '../account/account.decider';
import type { RosterSource } from '#libs/platform';
import type { Actor } from '#libs/contracts';

export const KEY_ACCOUNT_SERVICE: Actor = { userId: 'account-management.key-accounts', role: 'service' };

export function promoteOnRevenue(runner: Commands, rosterSource: RosterSource, threshold: number, log: ProcessManagerLog): ProcessManager {
  return {
    name: 'account-management.promote-on-revenue',
    eventTypes: ['AccountOpened', 'RepeatSaleWon'],
    async handle(event) {
      const { accountId } = event.data as { accountId: string };
      const { state } = await runner.load(accountDecider, accountStreamId(accountId));
      if (state.status !== 'active' || state.key || state.revenue.amount < threshold) return;
      await rosterSource.whenCaughtUpTo(event.position);
      const choice = rosterSource.roster.leastLoaded('kam');
      if (!choice) {
        log.warn(`account ${accountId} passed the key-account threshold, but no KAM is available`);
        return;
      }
      await runner.run(
        accountDecider,
        accountStreamId(accountId),
        {
          type: 'PromoteAccountIfOverThreshold',
          by: KEY_ACCOUNT_SERVICE,
          threshold,
          promotion: { accountId, kamId: choice.repId, rule: 'least-loaded', candidates: choice.candidates, skipped: choice.skipped },
        },
        {
          actor: KEY_ACCOUNT_SERVICE,
          correlationId: event.metadata.correlationId,
          causationId: event.eventId,
          now: event.occurredAt,
          idempotencyKey: event.eventId,
        },
      );
    },
  };
}
