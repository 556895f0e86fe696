/** Where a browser's request comes from, its cookies, and which return paths sign-in accepts. */
import type { Request } from 'express';
import { crossSiteReason, readCookie, sameOriginPath } from './browser-request';

function request(method: string, headers: Record<string, string>, protocol = 'http'): Request {
  return { method, headers: { host: 'localhost:3000', ...headers }, protocol } as unknown as Request;
}

describe('crossSiteReason', () => {
  it('lets same-origin, header-less and safe requests through', () => {
    expect(crossSiteReason(request('POST', { origin: 'http://localhost:3000' }), undefined)).toBeUndefined();
    expect(crossSiteReason(request('POST', { 'sec-fetch-site': 'same-origin' }), undefined)).toBeUndefined();
    expect(crossSiteReason(request('POST', {}), undefined)).toBeUndefined();
    expect(crossSiteReason(request('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), undefined)).toBeUndefined();
    expect(crossSiteReason(request('POST', { origin: 'https://sales.example.com', host: 'app:3000' }), 'https://sales.example.com')).toBeUndefined();
  });

  it('refuses another origin, an opaque one, and Sec-Fetch-Site: cross-site', () => {
    expect(crossSiteReason(request('POST', { origin: 'https://evil.example' }), undefined)).toMatch(/from https:\/\/evil.example/);
    expect(crossSiteReason(request('DELETE', { origin: 'null' }), undefined)).toBeDefined();
    expect(crossSiteReason(request('PUT', { origin: 'http://localhost:3001' }), undefined)).toBeDefined();
    expect(crossSiteReason(request('PATCH', { origin: 'https://localhost:3000' }), undefined)).toBeDefined();
    expect(crossSiteReason(request('POST', { 'sec-fetch-site': 'cross-site' }), undefined)).toMatch(/Sec-Fetch-Site/);
  });
});

describe('readCookie', () => {
  it('finds a cookie among others', () => {
    const req = request('GET', { cookie: 'a=1; sales_ops_session=abc.def.ghi; b="q%20r"' });
    expect(readCookie(req, 'sales_ops_session')).toBe('abc.def.ghi');
    expect(readCookie(req, 'b')).toBe('q r');
    expect(readCookie(req, 'sales_ops')).toBeUndefined();
    expect(readCookie(request('GET', {}), 'a')).toBeUndefined();
  });
});

describe('sameOriginPath', () => {
  it('keeps paths of this app', () => {
    expect(sameOriginPath('/')).toBe('/');
    expect(sameOriginPath('/app/queue?tab=mine#top')).toBe('/app/queue?tab=mine#top');
    expect(sameOriginPath('/app/../app/kpis')).toBe('/app/kpis');
  });

  it.each([
    'https://evil.example/app',
    '//evil.example/app',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'app/queue',
    '',
    ' /app',
    'x'.repeat(2001),
  ])('refuses %j', (value) => {
    expect(sameOriginPath(value)).toBeUndefined();
  });

  it('refuses what is not one string', () => {
    expect(sameOriginPath(['/a', '/b'])).toBeUndefined();
    expect(sameOriginPath(undefined)).toBeUndefined();
  });
});
