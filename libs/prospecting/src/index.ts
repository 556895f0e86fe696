/**
 * libs/prospecting — leads and call scripts: the Lead decider and its use cases (capture, assign, contact
 * attempts, qualify, disqualify, hand off). It reacts to other contexts only through their events and
 * imports none of their code.
 */
export { leadDecider, leadStreamId } from './lead/lead.decider';
export type { LeadState } from './lead/lead.state';
export { ProspectingModule } from './prospecting.module';
export { callScriptDecider, callScriptStreamId } from './call-scripts/call-script.decider';
export { PROSPECTING_PROCESS_MANAGERS } from './prospecting.process-managers';
