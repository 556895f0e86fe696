import { Global, Module } from '@nestjs/common';
import { RosterHost } from './roster/roster.host';

/** Read models shared by the contexts (for now the roster that routing reads). */
@Global()
@Module({ providers: [RosterHost], exports: [RosterHost] })
export class ProjectionsModule {}
