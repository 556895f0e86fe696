import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, type Actor } from '#libs/platform';
import { runDealCommand } from '../deal/deal-command.route';

export class HandOffToCloserDto {
  @ApiProperty({ example: 'c-kirill', description: 'the closer who takes the deal (routing by load comes with the roster)' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  closerId!: string;

  @ApiProperty({ example: 'Застряли на согласовании цены' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class HandOffToCloserController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Handoff 2: the hunter hands a stuck deal to a closer, who works it from now on. */
  @Post(':dealId/hand-off-to-closer')
  @HttpCode(200)
  @RequirePermission('deal:hand-off-to-closer')
  async handOff(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: HandOffToCloserDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const result = await runDealCommand(this.commandBus, dealId, actor, request, response, (envelope) => ({
      type: 'HandOffDealToCloser',
      by: envelope.actor,
      handoff: { dealId, closerId: body.closerId, reason: body.reason, rule: 'named', candidates: [], skipped: [] },
    }));
    return { ...result, closerId: body.closerId };
  }
}
