/** An assistant task with its status: requester, assignee and the head of sales read it. */
import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission, revisionETag } from '#libs/platform';
import { GetTaskQuery, type TaskPage } from './get-task.handler';
import { TASK_PAGE_SCHEMA } from './task-page.schema';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class GetTaskController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'An assistant task with its history' })
  @ApiOkResponse({ schema: TASK_PAGE_SCHEMA, headers: revisionETag('task') })
  @Get(':taskId')
  @RequirePermission('task:read')
  async get(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Res({ passthrough: true }) response: Response): Promise<TaskPage> {
    const view = await this.queryBus.execute(new GetTaskQuery({ taskId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
