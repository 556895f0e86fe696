import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ID_PATTERN } from './common.dto';
import { ErrorResponseFilter } from './error-response.filter';
import { BodyParsingInterceptor } from './body-parsing.interceptor';
import { applyOpenApiConventions } from './openapi-conventions';
import { createValidationPipe } from './validation';
import { serveWebApp } from './web-app';

/** The HTTP conventions of every Sales-ops app: validation, one error shape, body limits, OpenAPI at /docs. */
export function configureHttp(app: INestApplication, title = 'Sales-ops', options: { webRoot?: string; rateLimited?: boolean } = {}): void {
  // The page first: its paths (/, /app/…, /assets/…) are no API route, and the API keeps every other.
  if (options.webRoot !== undefined) serveWebApp(app, options.webRoot);
  // Bodies are read after the guards (authentication, rate limits), bounded: a lead import of 10,000 rows
  // fits; anything larger is refused with 413. The app is created without Nest's own body parsers.
  app.useGlobalInterceptors(new BodyParsingInterceptor());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  const described = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription(
        'Event-sourced backend for B2B sales departments. Every command route takes a bearer token, honours an ' +
          'Idempotency-Key header, and answers 400/401/403/404/409/422 with { statusCode, error, code, message, field? }. ' +
          'Every answer carries X-Correlation-Id: the one the request sent (1-200 visible ASCII characters), else a new ' +
          "UUIDv7; the events a command appends carry it as metadata.correlationId, and the process's log lines for the request as correlationId.",
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('sales_ops_session')
      .build(),
  );
  SwaggerModule.setup('docs', app, applyOpenApiConventions(described, ID_PATTERN.source, { rateLimited: options.rateLimited ?? false }), { jsonDocumentUrl: 'docs-json' });
}
