/**
 * Every failure becomes one JSON shape, `{ statusCode, error, code, message, field?, errors? }`, with the
 * status mapped once here: nothing a client sends may surface as a 500.
 */
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorKind } from '#libs/event-sourcing';
import {
  EventIdConflictError,
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  PersonalDataErasedError,
  WrongExpectedRevisionError,
} from '#libs/event-store';

export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly errors?: ReadonlyArray<{ field: string; reason: string }>;
  readonly [extra: string]: unknown;
}

const DOMAIN_STATUS: Record<DomainErrorKind, HttpStatus> = {
  'invalid-transition': HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  'rule-broken': HttpStatus.UNPROCESSABLE_ENTITY,
};

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return body(status, exception.code, exception.message, exception.field === undefined ? {} : { field: exception.field });
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return body(HttpStatus.CONFLICT, 'version-conflict', `the resource moved on: it is at revision ${exception.actualRevision}`, {
        actualRevision: exception.actualRevision,
      });
    }
    if (exception instanceof EventIdConflictError) {
      return body(HttpStatus.CONFLICT, 'idempotency-conflict', 'this request repeats an earlier one with a different outcome');
    }
    if (exception instanceof PersonalDataErasedError) {
      return body(HttpStatus.UNPROCESSABLE_ENTITY, exception.code, exception.message, { field: exception.field });
    }
    if (exception instanceof InvalidEventStoreInputError) {
      return body(HttpStatus.BAD_REQUEST, 'invalid-input', exception.message, { field: exception.field });
    }
    if (exception instanceof EventStoreUnavailableError) {
      return body(HttpStatus.SERVICE_UNAVAILABLE, 'store-unavailable', 'the event store cannot be reached; try again shortly');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const details = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const message = typeof details.message === 'string' ? details.message : exception.message;
      const code = typeof details.code === 'string' ? details.code : defaultCode(status);
      const { statusCode: _status, error: _error, message: _message, code: _code, ...rest } = details;
      return body(status, code, message, rest);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'internal-error', 'something went wrong on our side; it has been logged');
  }
}

function body(statusCode: number, code: string, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode, error: reasonPhrase(statusCode), code, message, ...extra };
}

function defaultCode(status: number): string {
  if (status === HttpStatus.NOT_FOUND) return 'route-not-found';
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return 'body-too-large';
  return reasonPhrase(status).toLowerCase().replace(/\s+/g, '-');
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) : 'Error';
}
