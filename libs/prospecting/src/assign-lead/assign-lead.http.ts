import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { AssignLeadCommand } from './assign-lead.handler';
import type { Actor } from '#libs/contracts';

export class AssignLeadDto {
  @ApiProperty({ example: 'lg-ivan', description: 'the lead generator who will work the lead' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  leadGeneratorId!: string;
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class AssignLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The head of sales gives the lead to a named lead generator (routing assigns new leads by itself). */
  @ApiOperation({ summary: 'Assign a lead to a lead generator' })
  @Post(':leadId/assign')
  @HttpCode(200)
  @RequirePermission('lead:assign')
  assign(
    @Param('leadId', new ParseIdPipe('leadId')) leadId: string,
    @Body() body: AssignLeadDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = { leadId, leadGeneratorId: body.leadGeneratorId, rule: 'named' as const, candidates: [], skipped: [] };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new AssignLeadCommand(input, envelope, options));
  }
}
