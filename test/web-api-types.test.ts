/**
 * The web front end's API types (apps/web/src/api/schema.d.ts) are what the server's OpenAPI document says
 * today: a route or field changed on the server without `npm run -s web:api-types` fails here, and the page's
 * own type check (npm run typecheck) then shows every place the change reaches. (openapi-typescript runs in a
 * child process: Jest on Node 20 cannot load its ES modules.)
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { SOURCE_ARGS } from './support/run-source';

const FILE = 'apps/web/src/api/schema.d.ts';

describe('the web front end’s API types', () => {
  it('are generated from the OpenAPI document the app serves now', async () => {
    const run = promisify(execFile)(process.execPath, [...SOURCE_ARGS, 'apps/sales-ops/src/web-api-types.cli.ts', '--check']);
    const result = await run.then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
    );
    expect({ code: result.code, said: result.stdout.trim() }).toEqual({ code: 0, said: `${FILE} is current` });
    // The document the page is typed against has what the page reads.
    const types = readFileSync(FILE, 'utf8');
    for (const path of ['"/kpis"', '"/kpis/series"', '"/kpis/forecast"', '"/kpis/funnel/{stage}"', '"/kpis/leaderboard"', '"/auth/session"', '"/live"']) expect(types).toContain(path);
  }, 60_000);
});
