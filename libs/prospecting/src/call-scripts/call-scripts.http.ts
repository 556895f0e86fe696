/** Call scripts: the head of sales publishes them in versions and retires them; lead generators read them. */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { catalogueEventSchemas, type CallScriptEvent, type Actor } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { CurrentActor, ID_PATTERN, ParseIdPipe, RequirePermission, RunDeciderCommand, newIdFor, runCommandRoute } from '#libs/platform';
import { callScriptDecider, callScriptStreamId, type CallScriptCommand } from './call-script.decider';

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

export class RetireCallScriptDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

const SCRIPT_ID_NAMESPACE = '19d7c8ea-b1c4-4fd6-a0f7-18293a4b5c67';

interface CallScriptView {
  scriptId: string;
  status: 'active' | 'retired';
  versions: Array<{ version: number; title: string; steps: string[]; publishedAt: string }>;
  revision: number;
}

@ApiTags('call-scripts')
@ApiBearerAuth()
@Controller('call-scripts')
export class CallScriptsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ApiOperation({ summary: 'A call script with its versions' })
  @Get(':scriptId')
  @RequirePermission('call-script:read')
  async get(@Param('scriptId', new ParseIdPipe('scriptId')) scriptId: string, @Res({ passthrough: true }) response: Response): Promise<CallScriptView> {
    const history = await readStreamHistory<CallScriptEvent>(this.store, catalogueEventSchemas, callScriptStreamId(scriptId));
    if (history.length === 0) throw notFound('script-not-found', `call script ${scriptId} does not exist`);
    const view: CallScriptView = { scriptId, status: 'active', versions: [], revision: history.length - 1 };
    for (const { event, occurredAt } of history) {
      if (event.type === 'CallScriptRetired') view.status = 'retired';
      else view.versions.push({ version: event.data.version, title: event.data.title, steps: event.data.steps, publishedAt: occurredAt.toISOString() });
    }
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @ApiOperation({ summary: 'Publish a new call script' })
  @Post()
  @HttpCode(201)
  @RequirePermission('call-script:write')
  publish(@Body() body: NewCallScriptDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(actor, request, response, (envelope) => {
      const scriptId = body.scriptId ?? newIdFor(envelope, SCRIPT_ID_NAMESPACE);
      return { scriptId, command: { type: 'PublishCallScript', scriptId, title: body.title, steps: body.steps, isNew: true } };
    });
  }

  @ApiOperation({ summary: 'Publish a new version of a call script' })
  @Post(':scriptId/versions')
  @HttpCode(201)
  @RequirePermission('call-script:write')
  newVersion(@Param('scriptId', new ParseIdPipe('scriptId')) scriptId: string, @Body() body: CallScriptVersionDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(actor, request, response, () => ({ scriptId, command: { type: 'PublishCallScript', scriptId, title: body.title, steps: body.steps, isNew: false } }));
  }

  @ApiOperation({ summary: 'Retire a call script' })
  @Post(':scriptId/retire')
  @HttpCode(200)
  @RequirePermission('call-script:write')
  retire(@Param('scriptId', new ParseIdPipe('scriptId')) scriptId: string, @Body() body: RetireCallScriptDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(actor, request, response, () => ({ scriptId, command: { type: 'RetireCallScript', scriptId, ...(body.reason ? { reason: body.reason } : {}) } }));
  }

  private async run(
    actor: Actor,
    request: Request,
    response: Response,
    build: (envelope: Parameters<typeof newIdFor>[0]) => { scriptId: string; command: CallScriptCommand },
  ): Promise<{ scriptId: string; version: number; revision: number }> {
    let scriptId = '';
    const result = await runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => {
      const built = build(envelope);
      scriptId = built.scriptId;
      return new RunDeciderCommand(callScriptDecider, callScriptStreamId(built.scriptId), built.command, envelope, options);
    });
    const version = result.state.status === 'none' ? 0 : result.state.version;
    return { scriptId, version, revision: result.revision };
  }
}
