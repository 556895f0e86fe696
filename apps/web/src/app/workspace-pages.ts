/** The reps' item pages and the lead import: one chunk of their own, loaded by workspace-loader.ts. */
export { AccountPage } from '../accounts/account-page';
export { DealPage } from '../deals/deal-page';
export { LeadImportPage } from '../leads/lead-import-page';
export { LeadPage } from '../leads/lead-page';
export { TaskPage } from '../tasks/task-page';
