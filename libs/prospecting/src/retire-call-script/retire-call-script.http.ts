/** The head of sales retires a call script: it stays readable, and no new version can be published. */
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { RetireCallScriptCommand } from './retire-call-script.handler';

export class RetireCallScriptDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

@ApiTags('call-scripts')
@ApiBearerAuth()
@Controller('call-scripts')
export class RetireCallScriptController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Retire a call script' })
  @Post(':scriptId/retire')
  @HttpCode(200)
  @RequirePermission('call-script:write')
  retire(@Param('scriptId', new ParseIdPipe('scriptId')) scriptId: string, @Body() body: RetireCallScriptDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { scriptId, ...(body.reason ? { reason: body.reason } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new RetireCallScriptCommand(input, envelope, options));
  }
}
