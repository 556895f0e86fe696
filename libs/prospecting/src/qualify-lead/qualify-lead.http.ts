import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, MoneyDto, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { QualifyLeadCommand } from './qualify-lead.handler';
import type { Actor } from '#libs/contracts';

/** BANT: budget, authority, need, timing, and what the deal may be worth. */
export class QualifyLeadDto {
  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  budget!: MoneyDto;

  @ApiProperty({ example: 'Генеральный директор' })
  @IsString()
  @Length(1, 300)
  authority!: string;

  @ApiProperty({ example: 'CRM для отдела продаж на 40 человек' })
  @IsString()
  @Length(1, 2000)
  need!: string;

  @ApiProperty({ example: 'решение до конца квартала' })
  @IsString()
  @Length(1, 300)
  timing!: string;

  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  estimatedValue!: MoneyDto;
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class QualifyLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Qualify a lead' })
  @Post(':leadId/qualify')
  @HttpCode(200)
  @RequirePermission('lead:qualify')
  qualify(
    @Param('leadId', new ParseIdPipe('leadId')) leadId: string,
    @Body() body: QualifyLeadDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = {
      leadId,
      budget: { ...body.budget },
      authority: body.authority,
      need: body.need,
      timing: body.timing,
      estimatedValue: { ...body.estimatedValue },
    };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new QualifyLeadCommand(input, envelope, options));
  }
}
