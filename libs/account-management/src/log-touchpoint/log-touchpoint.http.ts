import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { TOUCHPOINT_KINDS, type Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { LogTouchpointCommand } from './log-touchpoint.handler';

export class TouchpointDto {
  @ApiProperty({ enum: TOUCHPOINT_KINDS })
  @IsIn(TOUCHPOINT_KINDS)
  kind!: (typeof TOUCHPOINT_KINDS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 10, example: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  satisfaction?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class LogTouchpointController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Log a touchpoint with an account' })
  @Post(':accountId/touchpoints')
  @HttpCode(201)
  @RequirePermission('account:log-touchpoint')
  log(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: TouchpointDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, kind: body.kind, ...(body.satisfaction !== undefined ? { satisfaction: body.satisfaction } : {}), ...(body.note ? { note: body.note } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new LogTouchpointCommand(input, envelope, options));
  }
}
