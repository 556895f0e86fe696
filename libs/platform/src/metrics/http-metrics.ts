import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics';

/**
 * Counts and times every answer (an API route's, the page's, a refusal by a guard, a 404), labelled by the route
 * template Express matched — `unmatched` when none did — so that no id, e-mail or token ever becomes a label.
 */
export function applyHttpMetrics(app: INestApplication, metrics: Metrics): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    const began = process.hrtime.bigint();
    response.once('finish', () => {
      const route = routeOf(request);
      const status = String(response.statusCode);
      metrics.httpRequests.inc({ method: request.method, route, status });
      metrics.httpDuration.observe({ method: request.method, route, status_class: `${status[0]}xx` }, Number(process.hrtime.bigint() - began) / 1e9);
    });
    next();
  });
}

function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
