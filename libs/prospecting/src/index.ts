/**
 * libs/prospecting — leads and call scripts: the Lead decider and its use cases (capture, assign, contact
 * attempts, qualify, disqualify, hand off). It reacts to other contexts only through their events and
 * imports none of their code.
 */
export { leadDecider, leadStreamId, type LeadCommand } from './lead/lead.decider';
export type { LeadState } from './lead/lead.state';
export { ProspectingModule } from './prospecting.module';
export { callScriptDecider, callScriptStreamId } from './call-scripts/call-script.decider';
export { assignLeadOnCapture, LEAD_ROUTING_SERVICE } from './assign-lead/assign-lead-on-capture.process-manager';
export { PROSPECTING_PROCESS_MANAGERS } from './prospecting.process-managers';
