import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, MoneyDto, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { DEFAULT_CLOSER_PERCENT } from './win-deal.command';
import { WinDealCommand } from './win-deal.handler';

export class WinDealDto {
  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @ApiPropertyOptional({ example: 50, default: DEFAULT_CLOSER_PERCENT, description: "the closer's share of the credit, in percent, when a closer won it" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  closerPercent?: number;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class WinDealController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The client signed; the answer names the account the client gets in account-management. */
  @ApiOperation({ summary: 'Win a deal, with the revenue credit split' })
  @Post(':dealId/win')
  @HttpCode(200)
  @RequirePermission('deal:win')
  win(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: WinDealDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { dealId, amount: { ...body.amount }, closerPercent: body.closerPercent ?? DEFAULT_CLOSER_PERCENT };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new WinDealCommand(input, envelope, options));
  }
}
