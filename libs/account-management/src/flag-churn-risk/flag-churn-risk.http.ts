import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ReasonDto } from '../account/reason.dto';
import { FlagChurnRiskCommand } from './flag-churn-risk.handler';

export class ChurnRiskDto extends ReasonDto {
  @ApiProperty({ enum: ['low', 'medium', 'high'] })
  @IsIn(['low', 'medium', 'high'])
  level!: 'low' | 'medium' | 'high';
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class FlagChurnRiskController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: "Flag an account's churn risk" })
  @Post(':accountId/churn-risk')
  @HttpCode(200)
  @RequirePermission('account:flag-churn-risk')
  flag(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: ChurnRiskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, level: body.level, reason: body.reason };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new FlagChurnRiskCommand(input, envelope, options));
  }
}
