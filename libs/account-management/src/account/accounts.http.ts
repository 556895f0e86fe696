/**
 * The account routes. Small use cases share one controller here; each route still names its own action in
 * the permission matrix, and its rule lives in its use-case folder's decide function.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { REPEAT_SALE_KINDS, TOUCHPOINT_KINDS, type Actor } from '#libs/contracts';
import { ruleBroken, type CommandEnvelope } from '#libs/event-sourcing';
import { CurrentActor, ID_PATTERN, MoneyDto, ParseIdPipe, RequirePermission, RunDeciderCommand, newIdFor, runCommandRoute, RosterHost, type RoutingChoice } from '#libs/platform';
import { AccountReader } from './account-reader';
import { accountDecider, accountStreamId, type AccountCommand } from './account.decider';
import type { AccountView } from './account.view';

export class TouchpointDto {
  @ApiProperty({ enum: TOUCHPOINT_KINDS })
  @IsIn(TOUCHPOINT_KINDS)
  kind!: (typeof TOUCHPOINT_KINDS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 10, example: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  satisfaction?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class RepeatSaleDto {
  @ApiProperty({ enum: REPEAT_SALE_KINDS })
  @IsIn(REPEAT_SALE_KINDS)
  kind!: (typeof REPEAT_SALE_KINDS)[number];

  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  estimatedValue!: MoneyDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  description?: string;
}

export class WinRepeatSaleDto {
  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class PromoteDto {
  @ApiPropertyOptional({ example: 'kam-kate', description: 'the KAM who takes the account; when absent, the least-loaded available KAM' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  kamId?: string;
}

export class DemoteDto {
  @ApiProperty({ example: 'f-fedor' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  farmerId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class AssignFarmerDto {
  @ApiProperty({ example: 'f-galya' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  farmerId!: string;
}

export class ChurnRiskDto {
  @ApiProperty({ enum: ['low', 'medium', 'high'] })
  @IsIn(['low', 'medium', 'high'])
  level!: 'low' | 'medium' | 'high';

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

const TOUCHPOINT_ID_NAMESPACE = 'f7b5a6c8-9fa2-4db4-8ed5-f60718293a45';
const REPEAT_SALE_ID_NAMESPACE = '08c6b7d9-a0b3-4ec5-9fe6-0718293a4b56';

type Id = string;

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly accounts: AccountReader,
    private readonly rosterHost: RosterHost,
  ) {}

  /** The account with its owner, revenue, touchpoints and repeat sales; the ETag is its revision. */
  @ApiOperation({ summary: 'An account with its history' })
  @Get(':accountId')
  @RequirePermission('account:read')
  async get(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Res({ passthrough: true }) response: Response): Promise<AccountView> {
    const view = await this.accounts.get(accountId);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @ApiOperation({ summary: 'Log a touchpoint with an account' })
  @Post(':accountId/touchpoints')
  @HttpCode(201)
  @RequirePermission('account:log-touchpoint')
  async touchpoint(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: TouchpointDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    let touchpointId = '';
    const result = await this.run(accountId, actor, request, response, (envelope) => {
      touchpointId = newIdFor(envelope, TOUCHPOINT_ID_NAMESPACE);
      return {
        type: 'LogTouchpoint',
        by: envelope.actor,
        touchpoint: {
          accountId,
          touchpointId,
          kind: body.kind,
          ...(body.satisfaction !== undefined ? { satisfaction: body.satisfaction } : {}),
          ...(body.note ? { note: body.note } : {}),
        },
      };
    });
    return { ...result, touchpointId };
  }

  @ApiOperation({ summary: 'Open a repeat sale' })
  @Post(':accountId/repeat-sales')
  @HttpCode(201)
  @RequirePermission('account:repeat-sale')
  async openRepeatSale(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: RepeatSaleDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    let repeatSaleId = '';
    const result = await this.run(accountId, actor, request, response, (envelope) => {
      repeatSaleId = newIdFor(envelope, REPEAT_SALE_ID_NAMESPACE);
      return {
        type: 'OpenRepeatSale',
        by: envelope.actor,
        repeatSale: { accountId, repeatSaleId, kind: body.kind, estimatedValue: { ...body.estimatedValue }, ...(body.description ? { description: body.description } : {}) },
      };
    });
    return { ...result, repeatSaleId };
  }

  @ApiOperation({ summary: 'Win a repeat sale' })
  @Post(':accountId/repeat-sales/:repeatSaleId/win')
  @HttpCode(200)
  @RequirePermission('account:repeat-sale')
  winRepeatSale(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Param('repeatSaleId', new ParseIdPipe('repeatSaleId')) repeatSaleId: Id, @Body() body: WinRepeatSaleDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(accountId, actor, request, response, (envelope) => ({
      type: 'CloseRepeatSale',
      by: envelope.actor,
      accountId,
      repeatSaleId,
      outcome: { won: true, amount: { ...body.amount } },
    }));
  }

  @ApiOperation({ summary: 'Lose a repeat sale' })
  @Post(':accountId/repeat-sales/:repeatSaleId/lose')
  @HttpCode(200)
  @RequirePermission('account:repeat-sale')
  loseRepeatSale(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Param('repeatSaleId', new ParseIdPipe('repeatSaleId')) repeatSaleId: Id, @Body() body: ReasonDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(accountId, actor, request, response, (envelope) => ({
      type: 'CloseRepeatSale',
      by: envelope.actor,
      accountId,
      repeatSaleId,
      outcome: { won: false, reason: body.reason },
    }));
  }

  /** Handoff 4 by hand: the head of sales makes it a key account, for a named or the least-loaded KAM. */
  @ApiOperation({ summary: 'Promote an account to a key account' })
  @Post(':accountId/promote-to-key')
  @HttpCode(200)
  @RequirePermission('account:promote-to-key')
  async promote(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: PromoteDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    let routing: RoutingChoice | undefined;
    if (body.kamId === undefined) {
      await this.rosterHost.whenCaughtUp();
      routing = this.rosterHost.roster.leastLoaded('kam');
      if (!routing) throw ruleBroken('no-kam-available', 'no KAM is available: name one, or add one to the roster', 'kamId');
    }
    const kamId = body.kamId ?? routing!.repId;
    const result = await this.run(accountId, actor, request, response, (envelope) => ({
      type: 'PromoteAccountToKey',
      by: envelope.actor,
      promotion: routing
        ? { accountId, kamId, rule: 'least-loaded', candidates: routing.candidates, skipped: routing.skipped }
        : { accountId, kamId, rule: 'named', candidates: [], skipped: [] },
    }));
    return { ...result, kamId };
  }

  @ApiOperation({ summary: 'Demote a key account to a farmer' })
  @Post(':accountId/demote-from-key')
  @HttpCode(200)
  @RequirePermission('account:demote-from-key')
  demote(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: DemoteDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(accountId, actor, request, response, (envelope) => ({
      type: 'DemoteAccountFromKey',
      by: envelope.actor,
      accountId,
      farmerId: body.farmerId,
      reason: body.reason,
    }));
  }

  @ApiOperation({ summary: "Assign an account's farmer" })
  @Post(':accountId/farmer')
  @HttpCode(200)
  @RequirePermission('account:assign-farmer')
  assignFarmer(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: AssignFarmerDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(accountId, actor, request, response, (envelope) => ({ type: 'AssignFarmer', by: envelope.actor, accountId, farmerId: body.farmerId }));
  }

  @ApiOperation({ summary: "Flag an account's churn risk" })
  @Post(':accountId/churn-risk')
  @HttpCode(200)
  @RequirePermission('account:flag-churn-risk')
  churnRisk(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: ChurnRiskDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(accountId, actor, request, response, (envelope) => ({ type: 'FlagChurnRisk', by: envelope.actor, accountId, level: body.level, reason: body.reason }));
  }

  @ApiOperation({ summary: 'Record that an account has churned' })
  @Post(':accountId/churn')
  @HttpCode(200)
  @RequirePermission('account:churn')
  churn(@Param('accountId', new ParseIdPipe('accountId')) accountId: Id, @Body() body: ReasonDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(accountId, actor, request, response, (envelope) => ({ type: 'RecordChurn', by: envelope.actor, accountId, reason: body.reason }));
  }

  private async run(accountId: Id, actor: Actor, request: Request, response: Response, command: (envelope: CommandEnvelope) => AccountCommand): Promise<{ accountId: Id; revision: number }> {
    const result = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new RunDeciderCommand(accountDecider, accountStreamId(accountId), command(envelope), envelope, options));
    return { accountId, revision: result.revision };
  }
}
