import { Module } from '@nestjs/common';
import { RepCommandHandler } from './rep/rep-command.handler';
import { TeamController } from './roster/team.http';

/** The head of sales' own context: the roster (plans and assistant tasks follow). */
@Module({ controllers: [TeamController], providers: [RepCommandHandler] })
export class SalesManagementModule {}
