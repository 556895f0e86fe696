import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, MoneyDto, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ReasonDto } from '../account/reason.dto';
import { CloseRepeatSaleCommand } from './close-repeat-sale.handler';

export class WinRepeatSaleDto {
  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class CloseRepeatSaleController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Win a repeat sale' })
  @Post(':accountId/repeat-sales/:repeatSaleId/win')
  @HttpCode(200)
  @RequirePermission('account:repeat-sale')
  win(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Param('repeatSaleId', new ParseIdPipe('repeatSaleId')) repeatSaleId: string, @Body() body: WinRepeatSaleDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, repeatSaleId, outcome: { won: true as const, amount: { ...body.amount } } };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new CloseRepeatSaleCommand(input, envelope, options));
  }

  @ApiOperation({ summary: 'Lose a repeat sale' })
  @Post(':accountId/repeat-sales/:repeatSaleId/lose')
  @HttpCode(200)
  @RequirePermission('account:repeat-sale')
  lose(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Param('repeatSaleId', new ParseIdPipe('repeatSaleId')) repeatSaleId: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, repeatSaleId, outcome: { won: false as const, reason: body.reason } };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new CloseRepeatSaleCommand(input, envelope, options));
  }
}
