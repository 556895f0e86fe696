import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { ABSENCE_REASONS, type Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { SetRepAvailabilityCommand } from './set-rep-availability.handler';

export class AvailabilityDto {
  @ApiProperty({ example: false })
  @IsBoolean()
  available!: boolean;

  @ApiPropertyOptional({ example: '2027-01-20T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  absentUntil?: string;

  @ApiPropertyOptional({ enum: ABSENCE_REASONS })
  @IsOptional()
  @IsIn(ABSENCE_REASONS)
  reason?: (typeof ABSENCE_REASONS)[number];
}

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reps')
export class SetRepAvailabilityController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Mark a rep available or absent' })
  @Post(':repId/availability')
  @HttpCode(200)
  @RequirePermission('team:manage')
  availability(@Param('repId', new ParseIdPipe('repId')) repId: string, @Body() body: AvailabilityDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = {
      repId,
      available: body.available,
      ...(body.absentUntil ? { absentUntil: new Date(body.absentUntil).toISOString() } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new SetRepAvailabilityCommand(input, envelope, options));
  }
}
