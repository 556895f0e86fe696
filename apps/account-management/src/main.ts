import { runApp } from '#libs/platform';
import { AccountManagementAppModule } from './account-management-app.module';

runApp('AccountManagement', (config) => AccountManagementAppModule.forRoot(config));
