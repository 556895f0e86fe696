/**
 * What a process logs: JSON lines (pino, through nestjs-pino), one per answered request and one per message of
 * the app's own loggers, each line within a request carrying its correlation id — the id the events it appends
 * carry in their metadata, and the `X-Correlation-Id` the answer carries back. The level is LOG_LEVEL.
 *
 * Nothing personal and no secret goes in: a request is logged as its method, its path without the query string
 * (a search may carry an e-mail), never its headers (tokens, cookies) or body; an answer as
 * its status. Probes and scrapes (/health…, /metrics) are not logged, to keep the lines about the work.
 *
 * nestjs-pino keeps one logger per process, made by the first LoggerModule: every main runs one app, and a test
 * that boots several apps with logs in one file sees them all write to the first one's sink at its level.
 */
import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
import { newUuidV7 } from '#libs/event-store';
import type { LogLevel } from '../config/app-config';
import { HEADER_VALUE } from '../http/command-envelope';

/** Where the lines go instead of stdout (a test that reads what was logged): one JSON line per write. */
export interface LogSink {
  write(line: string): void;
}

const NOT_LOGGED = /^\/(?:health(?:\/|$)|metrics$)/;

/** The request's correlation id: the client's own when it sent a valid one, else a new UUIDv7; said back in the answer. */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const sent = request.headers['x-correlation-id'];
  const id = typeof sent === 'string' && HEADER_VALUE.test(sent) ? sent : newUuidV7();
  response.setHeader('X-Correlation-Id', id);
  return id;
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0]!;
  return path.length > 300 ? `${path.slice(0, 300)}…` : path;
}

export function appLogging(app: string, level: LogLevel, sink?: LogSink): DynamicModule {
  const destination: DestinationStream | undefined = sink === undefined ? undefined : { write: (line: string) => sink.write(line) };
  const logger = pino(
    {
      level,
      base: { app },
      timestamp: stdTimeFunctions.isoTime,
      // Defence in depth: the serializers below never put these in, nor should any message.
      redact: { paths: ['req.headers', 'headers.authorization', 'headers.cookie', '*.password', '*.token'], remove: true },
    },
    destination,
  );
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      genReqId: correlationIdOf,
      // Every line logged while a request runs carries only its id, under the name the events use for it.
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'correlationId' },
      autoLogging: { ignore: (request) => NOT_LOGGED.test(pathOf(request.url)) },
      customLogLevel: (_request, response, error) => (error !== undefined || response.statusCode >= 500 ? 'error' : 'info'),
      customSuccessMessage: (request, response) => `${request.method} ${pathOf(request.url)} ${response.statusCode}`,
      customErrorMessage: (request, response) => `${request.method} ${pathOf(request.url)} ${response.statusCode}`,
      serializers: {
        req: (request: { method?: string; url?: string }) => ({ method: request.method, path: pathOf(request.url) }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      },
    },
  });
}
