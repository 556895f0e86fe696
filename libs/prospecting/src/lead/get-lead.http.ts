import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { LeadReader } from './lead-reader';
import type { LeadView } from './lead.view';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class GetLeadController {
  constructor(private readonly leads: LeadReader) {}

  /** The lead with its history; the ETag is its revision, for If-Match on the next command. */
  @ApiOperation({ summary: 'A lead with its history' })
  @Get(':leadId')
  @RequirePermission('lead:read')
  async get(@Param('leadId', new ParseIdPipe('leadId')) leadId: string, @Res({ passthrough: true }) response: Response): Promise<LeadView> {
    const view = await this.leads.get(leadId);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
