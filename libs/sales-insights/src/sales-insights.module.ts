import { Module } from '@nestjs/common';
import { GetKpiExportHandler } from './export/kpi-export.handler';
import { KpiExportController } from './export/kpi-export.http';
import { EventsController } from './history/events.http';
import { GetForecastHandler } from './kpis/forecast.handler';
import { ForecastController } from './kpis/forecast.http';
import { GetFunnelDrillDownHandler } from './kpis/funnel-drill-down.handler';
import { FunnelDrillDownController } from './kpis/funnel-drill-down.http';
import { KpiFacts } from './kpis/kpi-facts.service';
import { GetKpiSeriesHandler } from './kpis/kpi-series.handler';
import { KpiSeriesController } from './kpis/kpi-series.http';
import { GetKpisHandler } from './kpis/kpis.handler';
import { KpisController } from './kpis/kpis.http';
import { GetLeaderboardHandler } from './kpis/leaderboard.handler';
import { LeaderboardController } from './kpis/leaderboard.http';
import { LiveController } from './live/live.http';
import { GetOwnQueueHandler, GetRepQueueHandler } from './queues/queues.handler';
import { QueuesController } from './queues/queues.http';
import { ReadModelsHost } from './read-models/read-models.host';

/**
 * The read side: every role's queue, the KPIs (live and as of a past moment) and the history for analysts. A
 * route (`*.http.ts`) checks its query string and sends its query to the QueryBus, whose handler
 * (`*.handler.ts`) answers it from the read models; the history's export and /live stream from their routes.
 */
@Module({
  controllers: [QueuesController, KpisController, KpiSeriesController, FunnelDrillDownController, ForecastController, LeaderboardController, KpiExportController, EventsController, LiveController],
  providers: [
    ReadModelsHost,
    KpiFacts,
    GetOwnQueueHandler,
    GetRepQueueHandler,
    GetKpisHandler,
    GetKpiSeriesHandler,
    GetFunnelDrillDownHandler,
    GetForecastHandler,
    GetLeaderboardHandler,
    GetKpiExportHandler,
  ],
  exports: [ReadModelsHost],
})
export class SalesInsightsModule {}
