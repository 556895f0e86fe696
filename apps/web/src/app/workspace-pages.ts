/** The reps' item pages, the lead import and the call scripts: one chunk of their own, loaded by workspace-loader.ts. */
export { AccountPage } from '../accounts/account-page';
export { DealPage } from '../deals/deal-page';
export { LeadImportPage } from '../leads/lead-import-page';
export { LeadPage } from '../leads/lead-page';
export { TaskPage } from '../tasks/task-page';
export { CallScriptsPage } from '../scripts/call-scripts-page';
