import { runApp } from '#libs/platform';
import { SalesOpsModule } from './sales-ops.module';

runApp('Sales-ops', (config) => SalesOpsModule.forRoot(config), { web: true });
