import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/platform';
import { buildAsyncApiDocument, type AsyncApiDocument, type AsyncApiDocumentOptions } from './asyncapi-document';

export const ASYNCAPI_OPTIONS = Symbol('ASYNCAPI_OPTIONS');

/** GET /asyncapi: the Kafka contract (AsyncAPI 3.0.0), public like /docs, built on first request and kept. */
@Public()
@ApiTags('events')
@Controller('asyncapi')
export class AsyncApiController {
  private document: AsyncApiDocument | undefined;

  constructor(@Inject(ASYNCAPI_OPTIONS) private readonly options: AsyncApiDocumentOptions) {}

  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: 'The AsyncAPI 3.0.0 document of the Kafka topics and event messages',
    description: 'One channel per context topic, one message per event type of the catalogue, CloudEvents binary-mode headers. No token needed.',
  })
  @ApiOkResponse({ description: 'An AsyncAPI 3.0.0 document (JSON).' })
  asyncApi(): AsyncApiDocument {
    this.document ??= buildAsyncApiDocument(this.options);
    return this.document;
  }
}
