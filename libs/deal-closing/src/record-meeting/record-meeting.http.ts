import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import type { MeetingRecord } from './record-meeting.command';
import { RecordMeetingCommand } from './record-meeting.handler';
import type { Actor } from '#libs/contracts';

export class MeetingHeldDto {
  @ApiProperty({ enum: ['positive', 'neutral', 'negative'] })
  @IsIn(['positive', 'neutral', 'negative'])
  outcome!: 'positive' | 'neutral' | 'negative';

  @ApiPropertyOptional({ example: 'Договорились о демо для ИТ-директора' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  notes?: string;
}

export class MeetingCancelledDto {
  @ApiProperty({ example: 'Клиент перенёс на следующий месяц' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class NoShowDto {}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class RecordMeetingController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Record a meeting as held' })
  @Post(':dealId/meetings/:meetingId/held')
  @HttpCode(200)
  @RequirePermission('deal:record-meeting')
  held(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Param('meetingId', new ParseIdPipe('meetingId')) meetingId: string, @Body() body: MeetingHeldDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.record(dealId, meetingId, { kind: 'held', outcome: body.outcome, ...(body.notes ? { notes: body.notes } : {}) }, actor, request, response);
  }

  @ApiOperation({ summary: 'Cancel a meeting' })
  @Post(':dealId/meetings/:meetingId/cancel')
  @HttpCode(200)
  @RequirePermission('deal:record-meeting')
  cancel(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Param('meetingId', new ParseIdPipe('meetingId')) meetingId: string, @Body() body: MeetingCancelledDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.record(dealId, meetingId, { kind: 'cancelled', reason: body.reason }, actor, request, response);
  }

  @ApiOperation({ summary: 'Record a meeting the client did not come to' })
  @Post(':dealId/meetings/:meetingId/no-show')
  @HttpCode(200)
  @RequirePermission('deal:record-meeting')
  noShow(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Param('meetingId', new ParseIdPipe('meetingId')) meetingId: string, @Body() _body: NoShowDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.record(dealId, meetingId, { kind: 'no-show' }, actor, request, response);
  }

  private record(dealId: string, meetingId: string, record: MeetingRecord, actor: Actor, request: Request, response: Response) {
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new RecordMeetingCommand({ dealId, meetingId, record }, envelope, options));
  }
}
