import { Module } from '@nestjs/common';
import { EventsController } from './history/events.http';
import { KpisController } from './kpis/kpis.http';
import { QueuesController } from './queues/queues.http';
import { ReadModelsHost } from './read-models/read-models.host';

/** The read side: every role's queue, the KPIs (live and as of a past moment) and the history for analysts. */
@Module({ controllers: [QueuesController, KpisController, EventsController], providers: [ReadModelsHost], exports: [ReadModelsHost] })
export class SalesInsightsModule {}
