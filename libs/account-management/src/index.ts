/**
 * libs/account-management — client accounts after the first sale: the Account decider and its use cases
 * (touchpoints, repeat sales, key-account promotion and demotion, churn). It hears of won deals only
 * through deal-closing's events.
 */
export { accountDecider, accountStreamId, type AccountCommand } from './account/account.decider';
export type { AccountState } from './account/account.state';
export { openAccountOnWin, ACCOUNT_HANDOFF_SERVICE } from './open-account/open-account-on-win.process-manager';
export { promoteOnRevenue, KEY_ACCOUNT_SERVICE } from './key-account/promote-on-revenue.process-manager';
export { AccountManagementModule } from './account-management.module';
export { ACCOUNT_MANAGEMENT_PROCESS_MANAGERS } from './account-management.process-managers';
