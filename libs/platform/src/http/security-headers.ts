/**
 * The headers every answer carries (helmet), CORS, and which proxies are believed about the client's address.
 *
 * One Content-Security-Policy for the API, the web front end and /docs: the page loads only what it was
 * built with (no inline script: Vite emits files) and talks only to its own origin; no frame may hold any of
 * it. HSTS and upgrade-insecure-requests only when PUBLIC_URL is https (over plain http they would send a
 * browser to an https that is not there). CORS is closed (no Access-Control-* header at all, so browsers
 * keep other sites' pages from reading answers) unless CORS_ORIGINS lists origins; even then without
 * credentials: the session cookie is SameSite=Strict and never crosses sites, other origins call with a
 * bearer token.
 */
import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import helmet from 'helmet';
import type { HttpSettings } from '../config/app-config';

const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // Charts and the API's own documentation set style attributes.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** The policy as a header value (the web front end's page sets it too, so that it holds wherever it is served). */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** Headers the API's callers may read across origins (when CORS_ORIGINS allows one). */
const EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'Content-Disposition'];
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Accept'];

export function applyHttpSecurity(app: INestApplication, settings: HttpSettings, publicUrl: string | undefined): void {
  const https = publicUrl?.startsWith('https://') ?? false;
  // 0: the socket's address is the client's; n: the address n proxies back in X-Forwarded-For.
  (app.getHttpAdapter().getInstance() as Express).set('trust proxy', settings.trustProxyHops);
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, ...(https ? { 'upgrade-insecure-requests': [] } : {}) } },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...settings.corsOrigins],
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
}
