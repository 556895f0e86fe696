/**
 * The web front end's API types come from the OpenAPI document the app serves (STYLE 11): a field renamed on
 * the server breaks the page's type check, not a customer's morning. This boots the all-in-one app on a
 * throwaway SQLite store, reads /docs-json and turns it into TypeScript with openapi-typescript.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { astToString, default as openapiTS } from 'openapi-typescript';
import { bootstrap } from './bootstrap';

/** Where the generated types live, from the repository's root. */
export const WEB_API_TYPES_FILE = 'apps/web/src/api/schema.d.ts';

const HEADER =
  '/**\n * Generated from the OpenAPI document the app serves at /docs-json: do not edit.\n' +
  ' * After a change to the API, run `npm run -s web:api-types`; a test fails while this file is stale.\n */\n\n';

async function openApiDocument(): Promise<Record<string, unknown>> {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-openapi-'));
  const running = await bootstrap(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, EVENT_STORE_URL: `sqlite:${join(folder, 'store.db')}`, JWT_SECRET: 'x'.repeat(32) },
    { logger: false },
  );
  try {
    const response = await fetch(`${running.url}/docs-json`);
    if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  } finally {
    await running.app.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function webApiTypes(document?: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS((document ?? (await openApiDocument())) as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
