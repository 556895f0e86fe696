import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { CompleteTaskCommand } from './complete-task.handler';

export class CompleteTaskDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class CompleteTaskController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Complete an assistant task' })
  @Post(':taskId/complete')
  @HttpCode(200)
  @RequirePermission('task:complete')
  complete(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Body() body: CompleteTaskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { taskId, ...(body.note ? { note: body.note } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new CompleteTaskCommand(input, envelope, options));
  }
}
