import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { PromoteAccountToKeyCommand } from './promote-to-key.handler';

export class PromoteDto {
  @ApiPropertyOptional({ example: 'kam-kate', description: 'the KAM who takes the account; when absent, the least-loaded available KAM' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  kamId?: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class PromoteToKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Handoff 4 by hand: the head of sales makes it a key account, for a named or the least-loaded KAM. */
  @ApiOperation({ summary: 'Promote an account to a key account' })
  @Post(':accountId/promote-to-key')
  @HttpCode(200)
  @RequirePermission('account:promote-to-key')
  promote(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: PromoteDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, ...(body.kamId !== undefined ? { kamId: body.kamId } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new PromoteAccountToKeyCommand(input, envelope, options));
  }
}
