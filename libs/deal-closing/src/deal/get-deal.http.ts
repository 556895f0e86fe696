import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission, revisionETag } from '#libs/platform';
import { DEAL_PAGE_SCHEMA } from './deal-page.schema';
import { GetDealQuery, type DealPage } from './get-deal.handler';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class GetDealController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The deal with its meetings and proposals; the ETag is its revision. */
  @ApiOperation({ summary: 'A deal with its history' })
  @ApiOkResponse({ schema: DEAL_PAGE_SCHEMA, headers: revisionETag('deal') })
  @Get(':dealId')
  @RequirePermission('deal:read')
  async get(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Res({ passthrough: true }) response: Response): Promise<DealPage> {
    const view = await this.queryBus.execute(new GetDealQuery({ dealId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
