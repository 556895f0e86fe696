import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { DEAL_STAGES, type DealStage, type Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ChangeDealStageCommand } from './change-stage.handler';

export class ChangeStageDto {
  @ApiProperty({ enum: DEAL_STAGES })
  @IsIn(DEAL_STAGES)
  stage!: DealStage;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class ChangeStageController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Move a deal to another stage' })
  @Post(':dealId/stage')
  @HttpCode(200)
  @RequirePermission('deal:change-stage')
  change(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: ChangeStageDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new ChangeDealStageCommand({ dealId, to: body.stage }, envelope, options));
  }
}
