import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { TASK_KINDS, type Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, RequirePermission, runCommandRoute } from '#libs/platform';
import { RequestTaskCommand } from './request-task.handler';

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

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class RequestTaskController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Request an assistant task' })
  @Post()
  @HttpCode(201)
  @RequirePermission('task:request')
  async request(@Body() body: RequestTaskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = {
      kind: body.kind,
      ...(body.dealId ? { dealId: body.dealId } : {}),
      ...(body.accountId ? { accountId: body.accountId } : {}),
      ...(body.assigneeId ? { assigneeId: body.assigneeId } : {}),
      dueAt: new Date(body.dueAt).toISOString(),
      ...(body.note ? { note: body.note } : {}),
    };
    const { taskId, assigneeId, revision } = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new RequestTaskCommand(input, envelope, options));
    return { taskId, assigneeId, revision };
  }
}
