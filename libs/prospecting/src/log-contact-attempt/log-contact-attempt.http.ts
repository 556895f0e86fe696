import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { LogContactAttemptCommand } from './log-contact-attempt.handler';
import type { Actor } from '#libs/contracts';

const CHANNELS = ['call', 'email', 'messenger', 'visit'] as const;
const OUTCOMES = ['reached', 'no-answer', 'left-message', 'callback-requested', 'wrong-contact', 'not-interested'] as const;

export class ScriptRefDto {
  @ApiProperty({ example: 'cold-call-b2b' })
  @Matches(ID_PATTERN, { message: 'must be a call script id' })
  scriptId!: string;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class LogContactAttemptDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: (typeof CHANNELS)[number];

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ type: ScriptRefDto, description: 'the call script version used' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScriptRefDto)
  script?: ScriptRefDto;

  @ApiPropertyOptional({ example: 'Перезвонить после обеда' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  @ApiPropertyOptional({ example: '2026-04-02T10:00:00.000Z', description: 'when to try again (UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  nextAttemptAt?: string;
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LogContactAttemptController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Log a contact attempt on a lead' })
  @Post(':leadId/contact-attempts')
  @HttpCode(201)
  @RequirePermission('lead:log-contact-attempt')
  log(
    @Param('leadId', new ParseIdPipe('leadId')) leadId: string,
    @Body() body: LogContactAttemptDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = {
      leadId,
      channel: body.channel,
      outcome: body.outcome,
      ...(body.script ? { script: { scriptId: body.script.scriptId, version: body.script.version } } : {}),
      ...(body.note ? { note: body.note } : {}),
      ...(body.nextAttemptAt ? { nextAttemptAt: new Date(body.nextAttemptAt).toISOString() } : {}),
    };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new LogContactAttemptCommand(input, envelope, options));
  }
}
