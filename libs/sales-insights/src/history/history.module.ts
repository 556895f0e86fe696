import { Module } from '@nestjs/common';
import { EventsController } from './events.http';

/** What analysts read: the history itself (GET /events). Queues and KPIs join with the projections. */
@Module({ controllers: [EventsController] })
export class HistoryModule {}
