/** The head of sales publishes a call script, and new versions of it; lead generators call by the latest. */
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, runCommandRoute } from '#libs/platform';
import { PublishCallScriptCommand } from './publish-call-script.handler';

export class CallScriptVersionDto {
  @ApiProperty({ example: 'Холодный звонок: ИТ-директор' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ type: [String], example: ['Представиться и назвать компанию', 'Спросить, кто принимает решение'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  steps!: string[];
}

export class NewCallScriptDto extends CallScriptVersionDto {
  @ApiPropertyOptional({ example: 'cold-call-it', description: 'generated when absent' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be 1 to 100 letters, digits, - or _' })
  scriptId?: string;
}

@ApiTags('call-scripts')
@ApiBearerAuth()
@Controller('call-scripts')
export class PublishCallScriptController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOperation({ summary: 'Publish a new call script' })
  @Post()
  @HttpCode(201)
  @RequirePermission('call-script:write')
  publish(@Body() body: NewCallScriptDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { ...(body.scriptId ? { scriptId: body.scriptId } : {}), title: body.title, steps: body.steps, isNew: true };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new PublishCallScriptCommand(input, envelope, options));
  }

  @ApiOperation({ summary: 'Publish a new version of a call script' })
  @Post(':scriptId/versions')
  @HttpCode(201)
  @RequirePermission('call-script:write')
  newVersion(@Param('scriptId', new ParseIdPipe('scriptId')) scriptId: string, @Body() body: CallScriptVersionDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const input = { scriptId, title: body.title, steps: body.steps, isNew: false };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new PublishCallScriptCommand(input, envelope, options));
  }
}
