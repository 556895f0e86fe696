/** The roster routes: the head of sales manages reps; every rep can read the team. */
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { ABSENCE_REASONS, REP_ROLES, type RepRole, type Actor } from '#libs/contracts';
import type { CommandEnvelope } from '#libs/event-sourcing';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, RunDeciderCommand, newIdFor, runCommandRoute, RosterHost, type RosterEntry } from '#libs/platform';
import { repDecider, repStreamId, type RepCommand } from '../rep/rep.decider';
import { DEFAULT_REP_CAPACITY } from '../join-rep/join-rep.command';

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

export class ChangeRoleDto {
  @ApiProperty({ enum: REP_ROLES })
  @IsIn(REP_ROLES)
  role!: RepRole;
}

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

export class LeaveDto {
  @ApiPropertyOptional({ example: 'Переезд в другой город' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

/** One rep of GET /team/reps (RosterEntry in libs/projections). */
class RosterEntryView implements RosterEntry {
  @ApiProperty({ example: 'h-anna' }) repId!: string;
  @ApiProperty({ example: 'Анна Смирнова' }) name!: string;
  @ApiProperty({ enum: REP_ROLES }) role!: RepRole;
  @ApiProperty({ description: 'open leads, deals or accounts the rep can carry' }) capacity!: number;
  @ApiProperty({ description: 'false while absent: routing skips the rep' }) available!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) absentUntil!: string | null;
  @ApiProperty({ type: String, enum: ABSENCE_REASONS, nullable: true }) absenceReason!: string | null;
  @ApiProperty({ description: 'the rep has left the department' }) left!: boolean;
  @ApiProperty({ description: 'open leads (lead generator), open deals (hunter, closer) or accounts (farmer, KAM) now' }) load!: number;
}

const REP_ID_NAMESPACE = 'e6a4f5b7-8e91-4ca3-9dc4-e5f607182934';

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reps')
export class TeamController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly rosterHost: RosterHost,
  ) {}

  /** The roster with each rep's availability and current load (eventually consistent: it follows the store). */
  @ApiOperation({ summary: 'The team: every rep with role, availability and load' })
  @Get()
  @RequirePermission('team:read')
  @ApiOkResponse({ type: [RosterEntryView], description: 'every rep, with availability and current load' })
  async list(): Promise<RosterEntry[]> {
    await this.rosterHost.whenCaughtUp();
    return this.rosterHost.roster.list();
  }

  @ApiOperation({ summary: 'Add a rep to the team' })
  @Post()
  @HttpCode(201)
  @RequirePermission('team:manage')
  async join(@Body() body: JoinRepDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { repId } = await this.run(actor, request, response, (envelope) => {
      const id = body.repId ?? newIdFor(envelope, REP_ID_NAMESPACE);
      return { repId: id, command: { type: 'JoinRep', rep: { repId: id, name: body.name, role: body.role, capacity: body.capacity ?? DEFAULT_REP_CAPACITY } } };
    });
    response.setHeader('Location', `/team/reps/${repId}`);
    return { repId };
  }

  @ApiOperation({ summary: "Change a rep's role" })
  @Post(':repId/role')
  @HttpCode(200)
  @RequirePermission('team:manage')
  changeRole(@Param('repId', new ParseIdPipe('repId')) repId: string, @Body() body: ChangeRoleDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(actor, request, response, () => ({ repId, command: { type: 'ChangeRepRole', repId, role: body.role } }));
  }

  @ApiOperation({ summary: 'Mark a rep available or absent' })
  @Post(':repId/availability')
  @HttpCode(200)
  @RequirePermission('team:manage')
  availability(@Param('repId', new ParseIdPipe('repId')) repId: string, @Body() body: AvailabilityDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(actor, request, response, (envelope) => ({
      repId,
      command: {
        type: 'SetRepAvailability',
        at: envelope.now,
        availability: {
          repId,
          available: body.available,
          ...(body.absentUntil ? { absentUntil: new Date(body.absentUntil).toISOString() } : {}),
          ...(body.reason ? { reason: body.reason } : {}),
        },
      },
    }));
  }

  @ApiOperation({ summary: 'Record that a rep has left' })
  @Post(':repId/leave')
  @HttpCode(200)
  @RequirePermission('team:manage')
  leave(@Param('repId', new ParseIdPipe('repId')) repId: string, @Body() body: LeaveDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(actor, request, response, () => ({ repId, command: { type: 'RecordRepLeft', repId, ...(body.reason ? { reason: body.reason } : {}) } }));
  }

  private async run(
    actor: Actor,
    request: Request,
    response: Response,
    build: (envelope: CommandEnvelope) => { repId: string; command: RepCommand },
  ): Promise<{ repId: string; revision: number }> {
    let repId = '';
    const result = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => {
      const built = build(envelope);
      repId = built.repId;
      return new RunDeciderCommand(repDecider, repStreamId(built.repId), built.command, envelope, options);
    });
    return { repId, revision: result.revision };
  }
}
