/**
 * Request bodies are read after the guards, not before: a caller with no valid token, or over its rate
 * limit, gets its 401 or 429 without the app parsing up to 10 MB of JSON or CSV for it first (as express's
 * body parsers, mounted as middleware, did: a malformed body was answered 400 before anyone asked who sent
 * it). Interceptors run after the guards and before the pipes that validate the body, so this is where the
 * parsers run. JSON (application/json) and CSV (text/csv, for lead imports) up to 10 MB; a malformed body is
 * 400 `invalid-body`, a larger one 413 `body-too-large`.
 */
import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { json, text, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Observable } from 'rxjs';

export const BODY_LIMIT = '10mb';

const PARSERS: readonly RequestHandler[] = [json({ limit: BODY_LIMIT }), text({ type: 'text/csv', limit: BODY_LIMIT })];

function parse(parser: RequestHandler, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => parser(request, response, ((error?: unknown) => (error ? reject(error) : resolve())) as NextFunction));
}

/** What body-parser says went wrong, as the API's errors say it. */
function refusal(error: unknown): Error {
  const { status, type, message } = error as { status?: number; type?: string; message?: string };
  if (status === 413) return new PayloadTooLargeException({ code: 'body-too-large', message: `the body is larger than ${BODY_LIMIT.replace('mb', ' MB')}` });
  if (status === 415) return new UnsupportedMediaTypeException({ code: 'unsupported-media-type', message: message ?? 'this body cannot be read' });
  if (type === 'entity.parse.failed') return new BadRequestException({ code: 'invalid-body', field: 'body', message: `the body is not valid JSON: ${message}` });
  return new BadRequestException({ code: 'invalid-body', field: 'body', message: `the body cannot be read: ${message}` });
}

@Injectable()
export class BodyParsingInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const http = context.switchToHttp();
      const request = http.getRequest<Request>();
      const response = http.getResponse<Response>();
      try {
        // Each parser reads only its own content type, and none reads a body another has read.
        for (const parser of PARSERS) await parse(parser, request, response);
      } catch (error) {
        throw refusal(error);
      }
    }
    return next.handle();
  }
}
