import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import type { Actor } from '#libs/contracts';
import { ReassignDealCommand } from './reassign-deal.handler';

export class ReassignDealDto {
  @ApiProperty({ example: 'h-boris', description: 'the rep who works the deal from now on: a hunter, or a closer once a closer has it' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  ownerId!: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class ReassignDealController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The head of sales gives an open deal to another hunter (another closer, once a closer has it). */
  @ApiOperation({ summary: "Give a deal to another rep of its owner's role" })
  @Post(':dealId/owner')
  @HttpCode(200)
  @RequirePermission('deal:reassign')
  reassign(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: ReassignDealDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new ReassignDealCommand({ dealId, ownerId: body.ownerId }, envelope, options));
  }
}
