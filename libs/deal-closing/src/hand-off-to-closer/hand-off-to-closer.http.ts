import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { HandOffDealToCloserCommand } from './hand-off-to-closer.handler';
import type { Actor } from '#libs/contracts';

export class HandOffToCloserDto {
  @ApiPropertyOptional({ example: 'c-kirill', description: 'the closer who takes the deal; when absent, the least-loaded available closer' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a rep id' })
  closerId?: string;

  @ApiProperty({ example: 'Застряли на согласовании цены' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class HandOffToCloserController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Handoff 2: the hunter hands a stuck deal to a closer, who works it from now on. */
  @ApiOperation({ summary: 'Hand a deal to a closer' })
  @Post(':dealId/hand-off-to-closer')
  @HttpCode(200)
  @RequirePermission('deal:hand-off-to-closer')
  handOff(@Param('dealId', new ParseIdPipe('dealId')) dealId: string, @Body() body: HandOffToCloserDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { dealId, reason: body.reason, ...(body.closerId !== undefined ? { closerId: body.closerId } : {}) };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new HandOffDealToCloserCommand(input, envelope, options));
  }
}
