import { Module, type DynamicModule } from '@nestjs/common';
import type { AsyncApiDocumentOptions } from './asyncapi-document';
import { ASYNCAPI_OPTIONS, AsyncApiController } from './asyncapi.http';

/**
 * Serves GET /asyncapi. Import it plain (the server's host is then a `{broker}` variable, topics unprefixed)
 * or with the app's Kafka settings: `AsyncApiModule.forRoot({ brokers: kafka.brokers, topicPrefix:
 * kafka.topicPrefix })`. forRoot adds only the options provider: the controller comes from the decorator,
 * so that it is mounted once either way.
 */
@Module({
  controllers: [AsyncApiController],
  providers: [{ provide: ASYNCAPI_OPTIONS, useValue: {} satisfies AsyncApiDocumentOptions }],
})
export class AsyncApiModule {
  static forRoot(options: AsyncApiDocumentOptions = {}): DynamicModule {
    return { module: AsyncApiModule, providers: [{ provide: ASYNCAPI_OPTIONS, useValue: options }] };
  }
}
