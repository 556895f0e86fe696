import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { dealIdForLead, type Actor } from '#libs/contracts';
import { ruleBroken } from '#libs/event-sourcing';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, RosterHost, type RoutingChoice } from '#libs/platform';
import { runLeadCommand } from '../lead/lead-command.route';

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
  constructor(
    private readonly commandBus: CommandBus,
    private readonly rosterHost: RosterHost,
  ) {}

  /** Handoff 1: the qualified lead goes to a hunter; the response names the deal the hunter will work. */
  @ApiOperation({ summary: 'Hand a qualified lead off to a hunter' })
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
    const routing = body.hunterId === undefined ? await this.leastLoadedHunter() : undefined;
    const hunterId = body.hunterId ?? routing!.repId;
    const result = await runLeadCommand(this.commandBus, leadId, actor, request, response, (by) => ({
      type: 'HandOffLead',
      by,
      handoff: routing
        ? { leadId, hunterId, dealId, rule: 'least-loaded', candidates: routing.candidates, skipped: routing.skipped }
        : { leadId, hunterId, dealId, rule: 'named', candidates: [], skipped: [] },
    }));
    return { ...result, dealId, hunterId };
  }

  private async leastLoadedHunter(): Promise<RoutingChoice> {
    await this.rosterHost.whenCaughtUp();
    const choice = this.rosterHost.roster.leastLoaded('hunter');
    if (!choice) throw ruleBroken('no-hunter-available', 'no hunter is available: name one, or add one to the roster', 'hunterId');
    return choice;
  }
}
