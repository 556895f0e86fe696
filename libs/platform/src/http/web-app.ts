/**
 * Serves the web front end (apps/web, built by Vite into dist/web) from the same origin as the API: the page
 * at `/` and at every path under `/app/` (the page routes itself there), its hashed assets under `/assets/`.
 * The API keeps its paths: nothing else is answered here. Without a build the page's paths answer 404 with a
 * sentence saying how to build it, and the API works as before.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { CONTENT_SECURITY_POLICY } from './security-headers';

/** Where `npm run build` puts the page: dist/web under the folder that holds package.json. */
export function defaultWebRoot(from = __dirname): string {
  let folder = resolve(from);
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return resolve('dist/web');
    folder = parent;
  }
  return join(folder, 'dist', 'web');
}

// The page loads only what it was built with and talks only to its own origin; no frame may hold it (the
// app's one policy, security-headers.ts, set here too for a page served without the app's other headers).
const PAGE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The sign-in link carries a one-time code in its query: it must not leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
} as const;

function isPagePath(path: string): boolean {
  return path === '/' || path === '/index.html' || path === '/app' || path.startsWith('/app/');
}

/** The encoding to answer in, of those the build made beside each asset (brotli, then gzip). */
function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, quality]) => quality === undefined || !/^q=0(\.0*)?$/.test(quality.trim()))
    .map(([name]) => name!.toLowerCase());
  return accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : undefined;
}

export function serveWebApp(app: INestApplication, root: string): void {
  const index = join(root, 'index.html');
  const assetsDir = resolve(root, 'assets');
  const assets = express.static(assetsDir, { immutable: true, maxAge: '365d', index: false, fallthrough: false });
  const compressedExists = new Map<string, boolean>();
  app.use('/assets', (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Vary', 'Accept-Encoding');
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    const file = resolve(assetsDir, `.${request.path}`);
    if (encoding !== undefined && file.startsWith(assetsDir + sep)) {
      const compressed = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
      let exists = compressedExists.get(compressed);
      if (exists === undefined) compressedExists.set(compressed, (exists = existsSync(compressed)));
      if (exists) {
        response.setHeader('Content-Encoding', encoding);
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        response.type(extname(file));
        response.sendFile(compressed);
        return;
      }
    }
    assets(request, response, next);
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isPagePath(request.path)) return next();
    if (!existsSync(index)) {
      response
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`The web front end is not built (no ${index}): run npm run build, or npm start, which builds it.\n`);
      return;
    }
    response.set(PAGE_HEADERS);
    response.sendFile(index);
  });
}
