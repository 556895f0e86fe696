import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { MEETING_KINDS, type Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ScheduleMeetingCommand } from './schedule-meeting.handler';

export class ScheduleMeetingDto {
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z', description: 'when (UTC); must be in the future' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  scheduledFor!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: (typeof MEETING_KINDS)[number];

  @ApiPropertyOptional({ example: 'Офис клиента, Тверская 7' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  location?: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class ScheduleMeetingController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Schedule a meeting on a deal' })
  @Post(':dealId/meetings')
  @HttpCode(201)
  @RequirePermission('deal:schedule-meeting')
  schedule(
    @Param('dealId', new ParseIdPipe('dealId')) dealId: string,
    @Body() body: ScheduleMeetingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ dealId: string; revision: number; meetingId: string }> {
    const input = { dealId, scheduledFor: body.scheduledFor, kind: body.kind, ...(body.location ? { location: body.location } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new ScheduleMeetingCommand(input, envelope, options));
  }
}
