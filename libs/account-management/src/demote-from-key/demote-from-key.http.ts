import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { ReasonDto } from '../account/reason.dto';
import { DemoteAccountFromKeyCommand } from './demote-from-key.handler';

export class DemoteDto extends ReasonDto {
  @ApiProperty({ example: 'f-fedor' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  farmerId!: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class DemoteAccountFromKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Demote a key account to a farmer' })
  @Post(':accountId/demote-from-key')
  @HttpCode(200)
  @RequirePermission('account:demote-from-key')
  demote(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: DemoteDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, farmerId: body.farmerId, reason: body.reason };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new DemoteAccountFromKeyCommand(input, envelope, options));
  }
}
