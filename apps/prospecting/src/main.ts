import { runApp } from '#libs/platform';
import { ProspectingAppModule } from './prospecting-app.module';

runApp('Prospecting', (config) => ProspectingAppModule.forRoot(config));
