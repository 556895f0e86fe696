/**
 * What every route's OpenAPI operation says by the conventions all routes follow, written once rather than on
 * each of sixty handlers: who may call it (a bearer token or the browser's session; `security: []` for the
 * public ones), its path parameters (ids), and the error answers it can give, all in the one error shape
 * (ErrorResponseFilter). What a handler documents itself (a 401 of its own, a parameter) is kept.
 */
import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = Record<string, unknown> & {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_SCHEMA = 'ErrorResponse';
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } } });

const RETRY_AFTER = { description: 'Seconds to wait before asking again.', schema: { type: 'integer', minimum: 1 } };

/** `rateLimited`: the app counts requests (RATE_LIMIT_STORE is not off), so that every route may answer 429. */
export function applyOpenApiConventions(document: OpenAPIObject, idPattern: string, options: { rateLimited?: boolean } = {}): OpenAPIObject {
  // package.json: UNLICENSED, an internal service.
  document.info.license ??= { name: 'Proprietary: internal to the company that runs it' };
  document.servers = [{ url: '/', description: 'this server (the document is served beside the API)' }];
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      [ERROR_SCHEMA]: {
        type: 'object',
        description: 'Every error answer: the status, a stable code to branch on, a message for people, and the field at fault when there is one.',
        required: ['statusCode', 'error', 'code', 'message'],
        properties: {
          statusCode: { type: 'integer', example: 400 },
          error: { type: 'string', example: 'Bad Request' },
          code: { type: 'string', example: 'invalid-field' },
          message: { type: 'string', example: 'estimatedValue.amount must not be less than 0' },
          field: { type: 'string', example: 'estimatedValue.amount' },
          errors: {
            type: 'array',
            description: 'Every field at fault, when there are several.',
            items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
          },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation === undefined) continue;
      const parameters = (operation.parameters ??= []);
      for (const name of pathParameters) {
        if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
          parameters.push({ name, in: 'path', required: true, schema: { type: 'string', pattern: idPattern } } as never);
        }
      }
      // Nest leaves `security` out where a controller declares none: those are the @Public() routes.
      const isPublic = operation.security === undefined;
      operation.security = isPublic ? [] : [{ bearer: [] }, { cookie: [] }];
      const responses = (operation.responses ??= {});
      const add = (status: string, description: string) => {
        if (responses[status] === undefined) responses[status] = error(description);
      };
      if (operation.parameters.length > 0 || operation.requestBody !== undefined) add('400', 'A parameter or field is malformed: `field` names it.');
      if (!isPublic) {
        add('401', 'No bearer token or session, or one that is not valid.');
        add('403', "The caller's role may not do this (`role-not-allowed`), or a session's request came from another site.");
      }
      if (pathParameters.length > 0) add('404', `No such ${pathParameters.at(-1)!.replace(/Id$/, '')}.`);
      if (method !== 'get' && !isPublic) {
        add('409', 'The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request.');
        add('422', 'A business rule refuses the command: `code` says which.');
      }
      if (options.rateLimited && responses['429'] === undefined) {
        responses['429'] = {
          ...error(
            isPublic
              ? 'Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says.'
              : 'Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says.',
          ),
          headers: { 'Retry-After': RETRY_AFTER },
        };
      }
    }
  }
  return document;
}
