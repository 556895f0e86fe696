/**
 * The web front end's build: `npm run build` writes it to dist/web, which the all-in-one app and
 * sales-insights serve at `/`. `npx vite --config apps/web/vite.config.mts` serves it for development on
 * :5173 with the API proxied to the app on :3000 (API_URL to change that).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Brotli and gzip copies of the assets beside them, made once at build: the app serves them without compressing per request. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'sales-ops:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const content = readFileSync(join(assets, name));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * The charts' chunk fetched into the HTTP cache as the document loads (low priority, not run): the dashboard
 * then runs it from there once it has sent its requests, instead of asking for it while the server computes
 * their answers. A page without charts only fetches it, once.
 */
function prefetchCharts(): Plugin {
  return {
    name: 'sales-ops:prefetch-charts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.name === 'echarts');
        if (chunk === undefined) throw new Error('no echarts chunk in the bundle: the charts are no longer split from the shell');
        return [{ tag: 'link', attrs: { rel: 'prefetch', href: `/${chunk.fileName}`, crossorigin: 'anonymous' }, injectTo: 'head' }];
      },
    },
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';
const apiPaths = ['/auth', '/kpis', '/team', '/queues', '/live', '/leads', '/deals', '/accounts', '/plans', '/tasks', '/call-scripts', '/events', '/health', '/docs'];

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress(), prefetchCharts()],
  build: {
    outDir: process.env.WEB_OUT_DIR ?? fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Charts are split from the shell so the first paint does not wait for them.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: api, changeOrigin: false }])) },
});
