/** A call script with every version: the head of sales and the lead generators read it. */
import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { GetCallScriptQuery, type CallScriptView } from './get-call-script.handler';

@ApiTags('call-scripts')
@ApiBearerAuth()
@Controller('call-scripts')
export class GetCallScriptController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'A call script with its versions' })
  @Get(':scriptId')
  @RequirePermission('call-script:read')
  async get(@Param('scriptId', new ParseIdPipe('scriptId')) scriptId: string, @Res({ passthrough: true }) response: Response): Promise<CallScriptView> {
    const view = await this.queryBus.execute(new GetCallScriptQuery({ scriptId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
