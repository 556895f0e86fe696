import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { REP_ROLES, type Actor, type RepRole } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, RequirePermission, runCommandRoute } from '#libs/platform';
import { DEFAULT_REP_CAPACITY } from './join-rep.command';
import { JoinRepCommand } from './join-rep.handler';

export class JoinRepDto {
  @ApiPropertyOptional({ example: 'h-anna', description: 'the rep id tokens carry as sub; generated when absent' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be 1 to 100 letters, digits, - or _' })
  repId?: string;

  @ApiProperty({ example: 'Анна Смирнова' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: REP_ROLES })
  @IsIn(REP_ROLES)
  role!: RepRole;

  @ApiPropertyOptional({ example: 30, default: DEFAULT_REP_CAPACITY, description: 'open leads, deals or accounts the rep can carry' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity?: number;
}

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reps')
export class JoinRepController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Add a rep to the team' })
  @Post()
  @HttpCode(201)
  @RequirePermission('team:manage')
  async join(@Body() body: JoinRepDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { ...(body.repId ? { repId: body.repId } : {}), name: body.name, role: body.role, capacity: body.capacity ?? DEFAULT_REP_CAPACITY };
    const { repId } = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new JoinRepCommand(input, envelope, options));
    response.setHeader('Location', `/team/reps/${repId}`);
    return { repId };
  }
}
