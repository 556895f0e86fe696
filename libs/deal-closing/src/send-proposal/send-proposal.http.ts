import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, MoneyDto, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { SendProposalCommand } from './send-proposal.handler';
import type { Actor } from '#libs/contracts';

export class SendProposalDto {
  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @ApiProperty({ example: '2027-01-31T00:00:00.000Z', description: 'the proposal holds until then (UTC)' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  validUntil!: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class SendProposalController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Send a proposal' })
  @Post(':dealId/proposals')
  @HttpCode(201)
  @RequirePermission('deal:send-proposal')
  send(
    @Param('dealId', new ParseIdPipe('dealId')) dealId: string,
    @Body() body: SendProposalDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ dealId: string; revision: number; proposalId: string }> {
    const input = { dealId, amount: { ...body.amount }, validUntil: body.validUntil };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new SendProposalCommand(input, envelope, options));
  }
}
