import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { AssignFarmerCommand } from './assign-farmer.handler';

export class AssignFarmerDto {
  @ApiProperty({ example: 'f-galya' })
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  farmerId!: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AssignFarmerController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: "Assign an account's farmer" })
  @Post(':accountId/farmer')
  @HttpCode(200)
  @RequirePermission('account:assign-farmer')
  assign(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Body() body: AssignFarmerDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { accountId, farmerId: body.farmerId };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new AssignFarmerCommand(input, envelope, options));
  }
}
