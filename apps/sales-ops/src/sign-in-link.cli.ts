/**
 * Prints another one-time sign-in link for a browser, like the one the embedded default prints at start:
 *   npm run -s sign-in-link [-- --expires 15m]
 * It signs with the same secret the app uses (JWT_SECRET, or the one generated into DATA_DIR), so run it
 * with the app's environment, while the app runs: a link made before the app started is refused.
 */
import { parseArgs } from 'node:util';
import { loadConfig, loadOrCreateJwtSecret, mintSignInCode, signInLink } from '#libs/platform';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { expires: { type: 'string' } } });
  const config = loadConfig();
  if (config.auth.kind === 'oidc') {
    fail(config.auth.client ? 'OIDC is configured: browsers sign in through your identity provider' : 'OIDC is configured: sign-in links are off');
  }
  const ttlSeconds = values.expires === undefined ? config.webSession.signInCodeTtlSeconds : durationSeconds(values.expires);
  const secret = loadOrCreateJwtSecret(config.dataDir, config.auth.secret);
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  process.stdout.write(`${signInLink(publicUrl, await mintSignInCode(secret, ttlSeconds))}\n`);
}

function durationSeconds(text: string): number {
  const match = /^(\d{1,6})([smh])$/.exec(text);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : NaN;
  if (!(seconds >= 10 && seconds <= 86_400)) fail('--expires must be a duration from 10s to 24h, such as 90s, 15m or 2h');
  return seconds;
}

function fail(message: string): never {
  process.stderr.write(`sign-in-link: ${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
