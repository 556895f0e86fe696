import { runApp } from '#libs/platform';
import { SalesManagementAppModule } from './sales-management-app.module';

runApp('SalesManagement', (config) => SalesManagementAppModule.forRoot(config));
