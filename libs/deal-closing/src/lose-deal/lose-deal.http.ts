import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { DEAL_LOSS_REASONS, type Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { LoseDealCommand } from './lose-deal.handler';

export class LoseDealDto {
  @ApiProperty({ enum: DEAL_LOSS_REASONS })
  @IsIn(DEAL_LOSS_REASONS)
  reason!: (typeof DEAL_LOSS_REASONS)[number];

  @ApiPropertyOptional({ example: 'Битрикс24' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  competitor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class LoseDealController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Lose a deal, with the reason' })
  @Post(':dealId/lose')
  @HttpCode(200)
  @RequirePermission('deal:lose')
  lose(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: LoseDealDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { dealId, reason: body.reason, ...(body.competitor ? { competitor: body.competitor } : {}), ...(body.note ? { note: body.note } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new LoseDealCommand(input, envelope, options));
  }
}
