import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { REPEAT_SALE_KINDS, type Actor } from '#libs/contracts';
import { CurrentActor, MoneyDto, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { OpenRepeatSaleCommand } from './open-repeat-sale.handler';

export class RepeatSaleDto {
  @ApiProperty({ enum: REPEAT_SALE_KINDS })
  @IsIn(REPEAT_SALE_KINDS)
  kind!: (typeof REPEAT_SALE_KINDS)[number];

  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  estimatedValue!: MoneyDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  description?: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class OpenRepeatSaleController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Open a repeat sale' })
  @Post(':accountId/repeat-sales')
  @HttpCode(201)
  @RequirePermission('account:repeat-sale')
  open(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: RepeatSaleDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, kind: body.kind, estimatedValue: { ...body.estimatedValue }, ...(body.description ? { description: body.description } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new OpenRepeatSaleCommand(input, envelope, options));
  }
}
