/** A call script with every version: the head of sales and the lead generators read it. */
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catalogueEventSchemas, type CallScriptEvent } from '#libs/contracts';
import { notFound, readStreamHistory } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { callScriptStreamId } from './call-script.decider';

interface CallScriptView {
  scriptId: string;
  status: 'active' | 'retired';
  versions: Array<{ version: number; title: string; steps: string[]; publishedAt: string }>;
  revision: number;
}

@ApiTags('call-scripts')
@ApiBearerAuth()
@Controller('call-scripts')
export class GetCallScriptController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

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
}
