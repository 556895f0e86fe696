import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { v5 as uuidv5 } from 'uuid';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, type Actor } from '#libs/platform';
import { runLeadCommand } from '../lead/lead-command.route';

export class HandOffLeadDto {
  @ApiProperty({ example: 'h-anna', description: 'the hunter who takes the lead (routing by load comes with the roster)' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  hunterId!: string;
}

const DEAL_ID_NAMESPACE = 'c7b0d7e4-1f8a-4a55-8d0e-5e2f3a9b6c41';

/** The deal a handed-off lead becomes: derived from the lead, so a redelivered handoff never opens a second deal. */
export const dealIdForLead = (leadId: string): string => uuidv5(leadId, DEAL_ID_NAMESPACE);

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class HandOffLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Handoff 1: the qualified lead goes to a hunter; the response names the deal the hunter will work. */
  @Post(':leadId/hand-off')
  @HttpCode(200)
  @RequirePermission('lead:hand-off')
  async handOff(
    @Param('leadId', new ParseIdPipe('leadId')) leadId: string,
    @Body() body: HandOffLeadDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ leadId: string; revision: number; dealId: string; hunterId: string }> {
    const dealId = dealIdForLead(leadId);
    const result = await runLeadCommand(this.commandBus, leadId, actor, request, response, (by) => ({
      type: 'HandOffLead',
      by,
      handoff: { leadId, hunterId: body.hunterId, dealId, rule: 'named', candidates: [], skipped: [] },
    }));
    return { ...result, dealId, hunterId: body.hunterId };
  }
}
