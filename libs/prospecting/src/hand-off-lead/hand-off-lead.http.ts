import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { HandOffLeadCommand } from './hand-off-lead.handler';

export class HandOffLeadDto {
  @ApiPropertyOptional({ example: 'h-anna', description: 'the hunter who takes the lead; when absent, the least-loaded available hunter' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  hunterId?: string;
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class HandOffLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Handoff 1: the qualified lead goes to a hunter; the answer names the deal the hunter will work. */
  @ApiOperation({ summary: 'Hand a qualified lead off to a hunter' })
  @Post(':leadId/hand-off')
  @HttpCode(200)
  @RequirePermission('lead:hand-off')
  handOff(
    @Param('leadId', new ParseIdPipe('leadId')) leadId: string,
    @Body() body: HandOffLeadDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = { leadId, ...(body.hunterId !== undefined ? { hunterId: body.hunterId } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new HandOffLeadCommand(input, envelope, options));
  }
}
