/** A sales plan as set last: the head of sales and analysts read it. */
import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { GetPlanQuery, type PlanView } from './get-plan.handler';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class GetPlanController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'A sales plan' })
  @Get(':planId')
  @RequirePermission('plan:read')
  async get(@Param('planId', new ParseIdPipe('planId')) planId: string, @Res({ passthrough: true }) response: Response): Promise<PlanView> {
    const view = await this.queryBus.execute(new GetPlanQuery({ planId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
