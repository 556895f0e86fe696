/** Sales plans (the head of sales sets them) and assistant tasks (reps ask, sales assistants deliver). */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { PLAN_METRICS, REP_ROLES, TASK_KINDS, catalogueEventSchemas, type PlanEvent, type TaskEvent, type Actor } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, RunDeciderCommand, newIdFor, runCommandRoute, RosterHost } from '#libs/platform';
import { taskDecider, taskStreamId } from '../tasks/task.decider';
import { planDecider, planStreamId } from './plan.decider';

export class PlanScopeDto {
  @ApiProperty({ enum: ['team', 'role', 'rep'] })
  @IsIn(['team', 'role', 'rep'])
  kind!: 'team' | 'role' | 'rep';

  @ApiPropertyOptional({ enum: REP_ROLES, description: 'for kind role' })
  @ValidateIf((scope: PlanScopeDto) => scope.kind === 'role')
  @IsIn(REP_ROLES)
  role?: (typeof REP_ROLES)[number];

  @ApiPropertyOptional({ example: 'h-anna', description: 'for kind rep' })
  @ValidateIf((scope: PlanScopeDto) => scope.kind === 'rep')
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  repId?: string;
}

export class SetPlanDto {
  @ApiPropertyOptional({ example: 'q2-hunters', description: 'set again with the same id to change the target; generated when absent' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be 1 to 100 letters, digits, - or _' })
  planId?: string;

  @ApiProperty({ example: '2027-04-01T00:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  periodStart!: string;

  @ApiProperty({ example: '2027-07-01T00:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  periodEnd!: string;

  @ApiProperty({ type: PlanScopeDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => PlanScopeDto)
  scope!: PlanScopeDto;

  @ApiProperty({ enum: PLAN_METRICS })
  @IsIn(PLAN_METRICS)
  metric!: (typeof PLAN_METRICS)[number];

  @ApiProperty({ example: 12000000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  target!: number;

  @ApiPropertyOptional({ example: 'RUB', description: 'for revenue metrics' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as RUB or USD' })
  currency?: string;
}

export class RequestTaskDto {
  @ApiProperty({ enum: TASK_KINDS })
  @IsIn(TASK_KINDS)
  kind!: (typeof TASK_KINDS)[number];

  @ApiPropertyOptional({ description: 'the deal the task is for (or accountId)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a deal id' })
  dealId?: string;

  @ApiPropertyOptional({ description: 'the account the task is for (or dealId)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an account id' })
  accountId?: string;

  @ApiPropertyOptional({ description: 'the sales assistant; when absent, the least-loaded available one' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  assigneeId?: string;

  @ApiProperty({ example: '2027-01-10T12:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  dueAt!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class CancelTaskDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

const PLAN_ID_NAMESPACE = '2ae8d9fb-c2d5-40e7-b108-293a4b5c6d78';
const TASK_ID_NAMESPACE = '3bf9eaac-d3e6-41f8-8219-3a4b5c6d7e89';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ApiOperation({ summary: 'Set a sales plan' })
  @Post()
  @HttpCode(201)
  @RequirePermission('plan:set')
  async set(@Body() body: SetPlanDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    let planId = '';
    const result = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => {
      planId = body.planId ?? newIdFor(envelope, PLAN_ID_NAMESPACE);
      const scope =
        body.scope.kind === 'team' ? { kind: 'team' as const } : body.scope.kind === 'role' ? { kind: 'role' as const, role: body.scope.role! } : { kind: 'rep' as const, repId: body.scope.repId! };
      return new RunDeciderCommand(planDecider, planStreamId(planId), {
        type: 'SetPlan',
        plan: {
          planId,
          periodStart: new Date(body.periodStart).toISOString(),
          periodEnd: new Date(body.periodEnd).toISOString(),
          scope,
          metric: body.metric,
          target: body.target,
          ...(body.currency ? { currency: body.currency } : {}),
        },
      }, envelope, options);
    });
    return { planId, revision: result.revision };
  }

  @ApiOperation({ summary: 'A sales plan' })
  @Get(':planId')
  @RequirePermission('plan:read')
  async get(@Param('planId', new ParseIdPipe('planId')) planId: string, @Res({ passthrough: true }) response: Response) {
    const history = await readStreamHistory<PlanEvent>(this.store, catalogueEventSchemas, planStreamId(planId));
    const latest = history.at(-1);
    if (!latest) throw notFound('plan-not-found', `plan ${planId} does not exist`);
    response.setHeader('ETag', `"${history.length - 1}"`);
    return { ...latest.event.data, setAt: latest.occurredAt.toISOString(), revision: history.length - 1 };
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rosterHost: RosterHost,
  ) {}

  @ApiOperation({ summary: 'Request an assistant task' })
  @Post()
  @HttpCode(201)
  @RequirePermission('task:request')
  async request(@Body() body: RequestTaskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    let assigneeId = body.assigneeId;
    if (assigneeId === undefined) {
      await this.rosterHost.whenCaughtUp();
      assigneeId = this.rosterHost.roster.leastLoaded('sales-assistant')?.repId;
    }
    let taskId = '';
    const result = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => {
      taskId = newIdFor(envelope, TASK_ID_NAMESPACE);
      return new RunDeciderCommand(taskDecider, taskStreamId(taskId), {
        type: 'RequestTask',
        at: envelope.now,
        task: {
          taskId,
          kind: body.kind,
          ...(body.dealId ? { dealId: body.dealId } : {}),
          ...(body.accountId ? { accountId: body.accountId } : {}),
          requesterId: actor.userId,
          ...(assigneeId ? { assigneeId } : {}),
          dueAt: new Date(body.dueAt).toISOString(),
          ...(body.note ? { note: body.note } : {}),
        },
      }, envelope, options);
    });
    return { taskId, assigneeId: assigneeId ?? null, revision: result.revision };
  }

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

  @ApiOperation({ summary: 'Complete an assistant task' })
  @Post(':taskId/complete')
  @HttpCode(200)
  @RequirePermission('task:complete')
  complete(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Body() body: CompleteTaskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.close(taskId, actor, request, response, (by) => ({ type: 'CompleteTask', by, taskId, ...(body.note ? { note: body.note } : {}) }));
  }

  @ApiOperation({ summary: 'Cancel an assistant task' })
  @Post(':taskId/cancel')
  @HttpCode(200)
  @RequirePermission('task:cancel')
  cancel(@Param('taskId', new ParseIdPipe('taskId')) taskId: string, @Body() body: CancelTaskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.close(taskId, actor, request, response, (by) => ({ type: 'CancelTask', by, taskId, reason: body.reason }));
  }

  private async close(
    taskId: string,
    actor: Actor,
    request: Request,
    response: Response,
    command: (by: Actor) => Parameters<typeof taskDecider.decide>[0],
  ) {
    const result = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) =>
      new RunDeciderCommand(taskDecider, taskStreamId(taskId), command(envelope.actor), envelope, options),
    );
    return { taskId, revision: result.revision };
  }
}
