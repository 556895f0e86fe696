import { runApp } from '#libs/platform';
import { SalesInsightsAppModule } from './sales-insights-app.module';

runApp('SalesInsights', (config) => SalesInsightsAppModule.forRoot(config), { web: true });
