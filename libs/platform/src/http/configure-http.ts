import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { ErrorResponseFilter } from './error-response.filter';
import { createValidationPipe } from './validation';

/** The HTTP conventions of every Sales-ops app: validation, one error shape, body limits, OpenAPI at /docs. */
export function configureHttp(app: INestApplication, title = 'Sales-ops'): void {
  app.use(json({ limit: '5mb' }));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription(
        'Event-sourced backend for B2B sales departments. Every command route takes a bearer token, honours an ' +
          'Idempotency-Key header, and answers 400/401/403/404/409/422 with { statusCode, error, code, message, field? }.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
