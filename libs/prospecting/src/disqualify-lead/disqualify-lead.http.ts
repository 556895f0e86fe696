import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { DisqualifyLeadCommand } from './disqualify-lead.handler';
import type { Actor } from '#libs/contracts';

const REASONS = ['no-budget', 'no-authority', 'no-need', 'bad-timing', 'unreachable', 'duplicate', 'existing-client', 'other'] as const;

export class DisqualifyLeadDto {
  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];

  @ApiPropertyOptional({ example: 'Бюджет заморожен до следующего года' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class DisqualifyLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Disqualify a lead' })
  @Post(':leadId/disqualify')
  @HttpCode(200)
  @RequirePermission('lead:disqualify')
  disqualify(
    @Param('leadId', new ParseIdPipe('leadId')) leadId: string,
    @Body() body: DisqualifyLeadDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = { leadId, reason: body.reason, ...(body.note ? { note: body.note } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new DisqualifyLeadCommand(input, envelope, options));
  }
}
