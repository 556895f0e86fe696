import type { ProcessManagerFactory } from '#libs/platform';
import { promoteOnRevenue } from './promote-to-key/promote-on-revenue.process-manager';
import { openAccountOnWin } from './open-account/open-account-on-win.process-manager';

/** The process managers account-management runs: handoff 3 and the key-account promotion (handoff 4). */
export const ACCOUNT_MANAGEMENT_PROCESS_MANAGERS: readonly ProcessManagerFactory[] = [
  ({ commandBus, roster }) => openAccountOnWin(commandBus, roster),
  ({ commandBus, load, roster, config, log }) => promoteOnRevenue(commandBus, load, roster, config.keyAccountThreshold, log),
];
