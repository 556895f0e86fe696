/** A sales plan as set last: the head of sales and analysts read it. */
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catalogueEventSchemas, type PlanEvent } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { planStreamId } from './plan.decider';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class GetPlanController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ApiOperation({ summary: 'A sales plan' })
  @Get(':planId')
  @RequirePermission('plan:read')
  async get(@Param('planId', new ParseIdPipe('planId')) planId: string, @Res({ passthrough: true }) response: Response) {
    const history = await readStreamHistory<PlanEvent>(this.store, catalogueEventSchemas, planStreamId(planId));
    const latest = history.at(-1);
    if (!latest) throw notFound('plan-not-found', `plan ${planId} does not exist`);
    response.setHeader('ETag', `"${history.length - 1}"`);
    return { ...latest.event.data, setAt: latest.occurredAt.toISOString(), revision: history.length - 1 };
  }
}
