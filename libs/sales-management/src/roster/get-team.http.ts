/** The team as routing sees it: every rep can read it; the head of sales manages it (the use-case folders beside). */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ABSENCE_REASONS, REP_ROLES, type RepRole } from '#libs/contracts';
import { RequirePermission, type RosterEntry } from '#libs/platform';
import { GetTeamQuery } from './get-team.handler';

/** One rep of GET /team/reps (RosterEntry in libs/platform). */
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
  @ApiProperty({ description: "the revision of the rep's stream: send it as If-Match with the next command on the rep" }) revision!: number;
}

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reps')
export class GetTeamController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The roster with each rep's availability and current load (eventually consistent: it follows the store). */
  @ApiOperation({ summary: 'The team: every rep with role, availability and load' })
  @Get()
  @RequirePermission('team:read')
  @ApiOkResponse({ type: [RosterEntryView], description: 'every rep, with availability and current load' })
  list(): Promise<RosterEntry[]> {
    return this.queryBus.execute(new GetTeamQuery());
  }
}
