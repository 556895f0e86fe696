import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsNumber, IsOptional, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { PLAN_METRICS, REP_ROLES, type Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, RequirePermission, runCommandRoute } from '#libs/platform';
import { SetPlanCommand } from './set-plan.handler';

export class PlanScopeDto {
  @ApiProperty({ enum: ['team', 'role', 'rep'] })
  @IsIn(['team', 'role', 'rep'])
  kind!: 'team' | 'role' | 'rep';

  @ApiPropertyOptional({ enum: REP_ROLES, description: 'for kind role' })
  @ValidateIf((scope: PlanScopeDto) => scope.kind === 'role')
  @IsIn(REP_ROLES)
  role?: (typeof REP_ROLES)[number];

  @ApiPropertyOptional({ example: 'h-anna', description: 'for kind rep' })
  @ValidateIf((scope: PlanScopeDto) => scope.kind === 'rep')
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  repId?: string;
}

export class SetPlanDto {
  @ApiPropertyOptional({ example: 'q2-hunters', description: 'set again with the same id to change the target; generated when absent' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be 1 to 100 letters, digits, - or _' })
  planId?: string;

  @ApiProperty({ example: '2027-04-01T00:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  periodStart!: string;

  @ApiProperty({ example: '2027-07-01T00:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  periodEnd!: string;

  @ApiProperty({ type: PlanScopeDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => PlanScopeDto)
  scope!: PlanScopeDto;

  @ApiProperty({ enum: PLAN_METRICS })
  @IsIn(PLAN_METRICS)
  metric!: (typeof PLAN_METRICS)[number];

  @ApiProperty({ example: 12000000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  target!: number;

  @ApiPropertyOptional({ example: 'RUB', description: 'for revenue metrics' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as RUB or USD' })
  currency?: string;
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class SetPlanController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Set a sales plan' })
  @Post()
  @HttpCode(201)
  @RequirePermission('plan:set')
  async set(@Body() body: SetPlanDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const scope =
      body.scope.kind === 'team' ? { kind: 'team' as const } : body.scope.kind === 'role' ? { kind: 'role' as const, role: body.scope.role! } : { kind: 'rep' as const, repId: body.scope.repId! };
    const input = {
      ...(body.planId ? { planId: body.planId } : {}),
      periodStart: new Date(body.periodStart).toISOString(),
      periodEnd: new Date(body.periodEnd).toISOString(),
      scope,
      metric: body.metric,
      target: body.target,
      ...(body.currency ? { currency: body.currency } : {}),
    };
    const { planId, revision } = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new SetPlanCommand(input, envelope, options));
    return { planId, revision };
  }
}
