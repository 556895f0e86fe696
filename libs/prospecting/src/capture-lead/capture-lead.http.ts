import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentActor, MoneyDto, RequirePermission, runCommandRoute } from '#libs/platform';
import { CaptureLeadCommand } from './capture-lead.handler';
import type { Actor } from '#libs/contracts';

export class CompanyDto {
  @ApiProperty({ example: 'ООО «Ромашка»' })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiPropertyOptional({ example: '7707083893', description: 'ИНН: 10 digits for a company, 12 for a sole trader' })
  @IsOptional()
  @Matches(/^\d{10}(\d{2})?$/, { message: 'must be 10 or 12 digits' })
  taxId?: string;
}

export class ContactDto {
  @ApiPropertyOptional({ example: 'Иван Петров' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'ivan@romashka.ru' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '+7 495 123-45-67' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{4,30}$/, { message: 'must be a phone number of digits, spaces, ( ) and -' })
  phone?: string;
}

export class CaptureLeadDto {
  @ApiProperty({ type: CompanyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => CompanyDto)
  company!: CompanyDto;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ enum: ['manual', 'web-form'], default: 'manual' })
  @IsOptional()
  @IsIn(['manual', 'web-form'])
  source?: 'manual' | 'web-form';

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  estimatedValue?: MoneyDto;
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class CaptureLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Captures a lead; with an Idempotency-Key a repeat returns the same leadId and writes nothing. */
  @ApiOperation({ summary: 'Capture a lead' })
  @Post()
  @HttpCode(201)
  @RequirePermission('lead:capture')
  async capture(
    @Body() body: CaptureLeadDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ leadId: string }> {
    const contact = Object.fromEntries(Object.entries({ ...body.contact }).filter(([, value]) => value !== undefined));
    const input = {
      company: { name: body.company.name, ...(body.company.taxId ? { taxId: body.company.taxId } : {}) },
      contact,
      source: body.source ?? 'manual',
      ...(body.estimatedValue ? { estimatedValue: { ...body.estimatedValue } } : {}),
    };
    // A new lead has no revision to match: If-Match is not read.
    const { leadId } = await runCommandRoute(this.commandBus, request, response, actor, (envelope) => new CaptureLeadCommand(input, envelope));
    response.setHeader('Location', `/leads/${leadId}`);
    return { leadId };
  }
}
