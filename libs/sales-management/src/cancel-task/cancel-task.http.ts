import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { CancelTaskCommand } from './cancel-task.handler';

export class CancelTaskDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class CancelTaskController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Cancel an assistant task' })
  @Post(':taskId/cancel')
  @HttpCode(200)
  @RequirePermission('task:cancel')
  cancel(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Body() body: CancelTaskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { taskId, reason: body.reason };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new CancelTaskCommand(input, envelope, options));
  }
}
