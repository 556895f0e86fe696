/** GET /queues/me and GET /queues/{role}/{repId}: a rep's work queue, built from the work-queues read model. */
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ParseIdPipe, RequirePermission } from '#libs/platform';
import { QUEUE_ROLES, type QueueRole } from '#libs/projections';
import type { Actor } from '#libs/contracts';
import { GetOwnQueueQuery, GetRepQueueQuery, type Queue } from './queues.handler';

class MoneyView {
  @ApiProperty() amount!: number;
  @ApiProperty({ example: 'RUB' }) currency!: string;
}

class QueueItemView {
  @ApiProperty({ enum: ['lead', 'deal', 'account', 'task', 'rep'] }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({
    description:
      'Why it is in the queue: callback-due, untouched, qualified-awaiting-handoff, in-progress, callback-scheduled (lead generator); ' +
      'new-handoff, meeting-scheduled, no-activity (hunter); handed-to-closer (closer); touchpoint-due, touchpoint-upcoming, ' +
      'renewal:<id>, open-repeat-sale:<id>, churn-risk:<level> (farmer, KAM); due, overdue (assistant); unassigned-lead, ' +
      'unowned-account, stale-deal, overdue-task, speed-to-lead-breach, over-capacity:<open>/<capacity> (head of sales)',
  })
  reason!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ description: 'company, task kind or rep name' }) title!: string;
  @ApiPropertyOptional({ type: MoneyView, nullable: true }) value!: MoneyView | null;
}

class QueueView {
  @ApiProperty({ enum: QUEUE_ROLES }) role!: string;
  @ApiProperty() repId!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ description: 'items in the whole queue (the response holds at most `limit`)' }) total!: number;
  @ApiProperty({ type: [QueueItemView] }) items!: QueueItemView[];
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return 100;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 1000) {
    throw new BadRequestException({ code: 'invalid-request', field: 'limit', message: 'limit: must be an integer from 1 to 1000' });
  }
  return value;
}

@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: "The signed-in rep's work queue" })
  @Get('me')
  @RequirePermission('queue:read-own')
  @ApiOkResponse({ type: QueueView, description: "the caller's queue: role and rep id from the token" })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  mine(@CurrentActor() actor: Actor, @Query('limit') limit?: string): Promise<Queue> {
    return this.queryBus.execute(new GetOwnQueueQuery({ actor, limit: limitOf(limit) }));
  }

  @ApiOperation({ summary: "A rep's work queue for a role" })
  @Get(':role/:repId')
  @RequirePermission('queue:read-any')
  @ApiOkResponse({ type: QueueView, description: "any rep's queue, as that role (the head of sales)" })
  @ApiParam({ name: 'role', enum: QUEUE_ROLES })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  ofRep(@Param('role') role: string, @Param('repId', new ParseIdPipe('repId')) repId: string, @Query('limit') limit?: string): Promise<Queue> {
    if (!(QUEUE_ROLES as readonly string[]).includes(role)) {
      throw new BadRequestException({ code: 'invalid-request', field: 'role', message: `role: must be one of ${QUEUE_ROLES.join(', ')}` });
    }
    return this.queryBus.execute(new GetRepQueueQuery({ role: role as QueueRole, repId, limit: limitOf(limit) }));
  }
}
