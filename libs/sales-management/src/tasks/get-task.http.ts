/** An assistant task with its status: requester, assignee and the head of sales read it. */
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catalogueEventSchemas, type TaskEvent } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { taskStreamId } from './task.decider';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class GetTaskController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ApiOperation({ summary: 'An assistant task' })
  @Get(':taskId')
  @RequirePermission('task:read')
  async get(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Res({ passthrough: true }) response: Response) {
    const history = await readStreamHistory<TaskEvent>(this.store, catalogueEventSchemas, taskStreamId(taskId));
    if (history.length === 0) throw notFound('task-not-found', `task ${taskId} does not exist`);
    let view: Record<string, unknown> = {};
    for (const { event, occurredAt } of history) {
      if (event.type === 'AssistantTaskRequested') view = { ...event.data, status: 'open', requestedAt: occurredAt.toISOString() };
      else if (event.type === 'AssistantTaskCompleted') view = { ...view, status: 'completed', completedAt: occurredAt.toISOString(), ...(event.data.note ? { completionNote: event.data.note } : {}) };
      else view = { ...view, status: 'cancelled', cancellationReason: event.data.reason };
    }
    response.setHeader('ETag', `"${history.length - 1}"`);
    return { ...view, revision: history.length - 1 };
  }
}
