import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { REP_ROLES, type Actor, type RepRole } from '#libs/contracts';
import { CurrentActor, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ChangeRepRoleCommand } from './change-rep-role.handler';

export class ChangeRoleDto {
  @ApiProperty({ enum: REP_ROLES })
  @IsIn(REP_ROLES)
  role!: RepRole;
}

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reps')
export class ChangeRepRoleController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: "Change a rep's role" })
  @Post(':repId/role')
  @HttpCode(200)
  @RequirePermission('team:manage')
  changeRole(@Param('repId', new ParseIdPipe('repId')) repId: string, @Body() body: ChangeRoleDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { repId, role: body.role };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new ChangeRepRoleCommand(input, envelope, options));
  }
}
