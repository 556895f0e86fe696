import type { ProcessManagerFactory } from '#libs/platform';
import { assignLeadOnCapture } from './assign-lead/assign-lead-on-capture.process-manager';

/** The process managers prospecting runs: routing of new leads. */
export const PROSPECTING_PROCESS_MANAGERS: readonly ProcessManagerFactory[] = [({ commandBus, roster }) => assignLeadOnCapture(commandBus, roster)];
