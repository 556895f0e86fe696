/** An assistant task with its status: requester, assignee and the head of sales read it. */
import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { GetTaskQuery, type TaskView } from './get-task.handler';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class GetTaskController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'An assistant task' })
  @Get(':taskId')
  @RequirePermission('task:read')
  async get(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Res({ passthrough: true }) response: Response): Promise<TaskView> {
    const view = await this.queryBus.execute(new GetTaskQuery({ taskId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
