import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission, revisionETag } from '#libs/platform';
import { GetLeadQuery, type LeadPage } from './get-lead.handler';
import { LEAD_PAGE_SCHEMA } from './lead-page.schema';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class GetLeadController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The lead with its history; the ETag is its revision, for If-Match on the next command. */
  @ApiOperation({ summary: 'A lead with its history' })
  @ApiOkResponse({ schema: LEAD_PAGE_SCHEMA, headers: revisionETag('lead') })
  @Get(':leadId')
  @RequirePermission('lead:read')
  async get(@Param('leadId', new ParseIdPipe('leadId')) leadId: string, @Res({ passthrough: true }) response: Response): Promise<LeadPage> {
    const view = await this.queryBus.execute(new GetLeadQuery({ leadId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
