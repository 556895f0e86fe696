/** The call scripts in use: what a lead generator calls by, beside the contact-attempt form. */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { arrayOf, count, described, instant, object, RequirePermission, text } from '#libs/platform';
import type { ActiveCallScript } from './call-script-catalogue';
import { ListCallScriptsQuery } from './list-call-scripts.handler';

const CALL_SCRIPTS_SCHEMA = object({
  scripts: arrayOf(
    object({
      scriptId: text,
      version: described(count, 'the latest version: record it with a contact attempt made by this script'),
      title: text,
      steps: arrayOf(text, 'what to say, in order'),
      publishedAt: instant,
    }),
    'every script not retired, by title',
  ),
});

@ApiTags('call-scripts')
@ApiBearerAuth()
@Controller('call-scripts')
export class ListCallScriptsController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'The call scripts in use, each at its latest version' })
  @ApiOkResponse({ schema: CALL_SCRIPTS_SCHEMA })
  @Get()
  @RequirePermission('call-script:read')
  list(): Promise<{ scripts: ActiveCallScript[] }> {
    return this.queryBus.execute(new ListCallScriptsQuery({}));
  }
}
