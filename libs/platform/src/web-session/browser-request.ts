/**
 * What a browser's request says about where it comes from, and the cookies it carries: read by the auth
 * guard and the /auth routes alike.
 */
import type { Request } from 'express';

export const SESSION_COOKIE = 'sales_ops_session';

/** One cookie per sign-in under way, named by its state, so that two tabs signing in do not overwrite each other. */
export const OIDC_FLOW_COOKIE_PREFIX = 'sales_ops_oidc_';

/** The value of a cookie the request carries (the first, if sent twice). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/** Cookies get `Secure` when browsers reach the app over https (PUBLIC_URL) or this request came over TLS. */
export function isSecureRequest(request: Request, publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') === true || request.secure;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a cookie-authenticated request that changes something must be refused as cross-site, or undefined:
 * beside SameSite=Strict, the Fetch Metadata (`Sec-Fetch-Site: cross-site`) and an `Origin` that is not
 * the app's own (PUBLIC_URL's, or the one the request's own Host makes) are refused. A request with
 * neither header (curl, an older browser's same-origin request) goes through.
 */
export function crossSiteReason(request: Request, publicUrl: string | undefined): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') return 'a request from another site may not use the session cookie (Sec-Fetch-Site: cross-site)';
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const own = new Set([`${request.protocol}://${request.headers.host ?? ''}`]);
  if (publicUrl) own.add(publicUrl);
  return own.has(origin) ? undefined : `a request from ${origin} may not use the session cookie: only pages of this app may`;
}

/**
 * `returnTo` as a path on this app, or undefined: only `/…` (not `//host…` or `/\host…`, which browsers
 * read as another host), so that sign-in never redirects a browser to another site.
 */
export function sameOriginPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  // Browsers drop tabs and newlines from a URL: "/\t/evil.example" would become "//evil.example".
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return undefined;
  const base = 'http://sales-ops.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : undefined;
}
