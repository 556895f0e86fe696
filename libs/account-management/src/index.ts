/**
 * libs/account-management — client accounts after the first sale: the Account decider and its use cases
 * (touchpoints, repeat sales, key-account promotion and demotion, churn). It hears of won deals only
 * through deal-closing's events.
 */
export { accountDecider, accountStreamId } from './account/account.decider';
export type { AccountState } from './account/account.state';
export { AccountManagementModule } from './account-management.module';
export { ACCOUNT_MANAGEMENT_PROCESS_MANAGERS } from './account-management.process-managers';
