import type { ProcessManagerFactory } from '#libs/platform';
import { openDealOnHandoff } from './open-deal/open-deal-on-handoff.process-manager';

/** The process managers deal-closing runs: handoff 1, deal side. */
export const DEAL_CLOSING_PROCESS_MANAGERS: readonly ProcessManagerFactory[] = [({ commandBus }) => openDealOnHandoff(commandBus)];
