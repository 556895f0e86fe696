/**
 * Prints a bearer token the embedded default accepts:
 *   npm run -s token -- --role head-of-sales --sub rop-1 [--expires 12h]
 * It signs with the same secret the app uses (JWT_SECRET, or the one generated into DATA_DIR), and never
 * for longer than the app accepts (TOKEN_MAX_LIFETIME_SECONDS, a day by default).
 */
import { parseArgs } from 'node:util';
import { ROLE_IDS, type Role } from '#libs/contracts';
import { loadConfig, loadOrCreateJwtSecret, signToken } from '#libs/platform';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '12h' } },
  });
  const role = values.role;
  if (!role || !(ROLE_IDS as readonly string[]).includes(role)) fail(`--role must be one of ${ROLE_IDS.join(', ')}`);
  if (!values.sub || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(values.sub)) fail('--sub must be a rep id: letters, digits, - and _');
  const match = /^(\d{1,7})([smhd])$/.exec(values.expires!);
  if (!match) fail('--expires must be a duration such as 30m, 12h or 1d');
  const config = loadConfig();
  if (config.auth.kind === 'oidc') fail('OIDC is configured: tokens come from your identity provider');
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  const longest = config.tokens.maxLifetimeSeconds;
  if (seconds < 1 || seconds > longest) fail(`--expires must be from 1s to ${longest} s, the longest the app accepts (TOKEN_MAX_LIFETIME_SECONDS)`);
  const secret = loadOrCreateJwtSecret(config.dataDir, config.auth.secret);
  process.stdout.write(`${await signToken(secret, { userId: values.sub!, role: role as Role }, `${seconds}s`)}\n`);
}

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
