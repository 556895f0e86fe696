import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { RecordRepLeftCommand } from './rep-leaves.handler';

export class LeaveDto {
  @ApiPropertyOptional({ example: 'Переезд в другой город' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reps')
export class RecordRepLeftController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Record that a rep has left' })
  @Post(':repId/leave')
  @HttpCode(200)
  @RequirePermission('team:manage')
  leave(@Param('repId', new ParseIdPipe('repId')) repId: string, @Body() body: LeaveDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { repId, ...(body.reason ? { reason: body.reason } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new RecordRepLeftCommand(input, envelope, options));
  }
}
