/**
 * Request bodies are checked at the edge by class-validator DTOs: unknown fields are refused, and every
 * problem is reported with its field path, e.g. `company.taxId: must be 10 or 12 digits`.
 */
import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        code: 'invalid-request',
        message: problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ') || 'invalid request',
        field: problems[0]?.field,
        errors: problems,
      });
    },
  });
}

function flatten(errors: readonly ValidationError[], parent = ''): Array<{ field: string; reason: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason: withoutProperty(reason, error.property) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator starts its messages with the property name; the field already says it. */
function withoutProperty(reason: string, property: string): string {
  if (reason.startsWith('property ')) return reason.replace(/^property \S+ /, 'is a field that ');
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}
