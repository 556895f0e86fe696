import { runApp } from '#libs/platform';
import { DealClosingAppModule } from './deal-closing-app.module';

runApp('DealClosing', (config) => DealClosingAppModule.forRoot(config));
