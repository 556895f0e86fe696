import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ReasonDto } from '../account/reason.dto';
import { RecordChurnCommand } from './record-churn.handler';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class RecordChurnController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Record that an account has churned' })
  @Post(':accountId/churn')
  @HttpCode(200)
  @RequirePermission('account:churn')
  churn(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, reason: body.reason };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new RecordChurnCommand(input, envelope, options));
  }
}
