import { Module } from '@nestjs/common';
import { KpiExportController } from './export/kpi-export.http';
import { EventsController } from './history/events.http';
import { ForecastController } from './kpis/forecast.http';
import { FunnelDrillDownController } from './kpis/funnel-drill-down.http';
import { KpiFacts } from './kpis/kpi-facts.service';
import { KpiSeriesController } from './kpis/kpi-series.http';
import { KpisController } from './kpis/kpis.http';
import { LeaderboardController } from './kpis/leaderboard.http';
import { LiveController } from './live/live.http';
import { QueuesController } from './queues/queues.http';
import { ReadModelsHost } from './read-models/read-models.host';

/** The read side: every role's queue, the KPIs (live and as of a past moment) and the history for analysts. */
@Module({ controllers: [QueuesController, KpisController, KpiSeriesController, FunnelDrillDownController, ForecastController, LeaderboardController, KpiExportController, EventsController, LiveController], providers: [ReadModelsHost, KpiFacts], exports: [ReadModelsHost] })
export class SalesInsightsModule {}
