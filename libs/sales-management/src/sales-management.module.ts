import { Module } from '@nestjs/common';
import { PlansController, TasksController } from './plans/plans-and-tasks.http';
import { TeamController } from './roster/team.http';

/** The head of sales' own context: the roster, sales plans and assistant tasks. */
@Module({ controllers: [TeamController, PlansController, TasksController] })
export class SalesManagementModule {}
