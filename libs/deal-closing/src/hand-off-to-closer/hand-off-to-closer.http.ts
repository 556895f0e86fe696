import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { ruleBroken } from '#libs/event-sourcing';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, RosterHost, type RoutingChoice } from '#libs/platform';
import { runDealCommand } from '../deal/deal-command.route';
import type { Actor } from '#libs/contracts';

export class HandOffToCloserDto {
  @ApiPropertyOptional({ example: 'c-kirill', description: 'the closer who takes the deal; when absent, the least-loaded available closer' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  closerId?: string;

  @ApiProperty({ example: 'Застряли на согласовании цены' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class HandOffToCloserController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly rosterHost: RosterHost,
  ) {}

  /** Handoff 2: the hunter hands a stuck deal to a closer, who works it from now on. */
  @ApiOperation({ summary: 'Hand a deal to a closer' })
  @Post(':dealId/hand-off-to-closer')
  @HttpCode(200)
  @RequirePermission('deal:hand-off-to-closer')
  async handOff(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: HandOffToCloserDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    let routing: RoutingChoice | undefined;
    if (body.closerId === undefined) {
      await this.rosterHost.whenCaughtUp();
      routing = this.rosterHost.roster.leastLoaded('closer');
      if (!routing) throw ruleBroken('no-closer-available', 'no closer is available: name one, or add one to the roster', 'closerId');
    }
    const closerId = body.closerId ?? routing!.repId;
    const result = await runDealCommand(this.commandBus, dealId, actor, request, response, (envelope) => ({
      type: 'HandOffDealToCloser',
      by: envelope.actor,
      handoff: routing
        ? { dealId, closerId, reason: body.reason, rule: 'least-loaded', candidates: routing.candidates, skipped: routing.skipped }
        : { dealId, closerId, reason: body.reason, rule: 'named', candidates: [], skipped: [] },
    }));
    return { ...result, closerId };
  }
}
