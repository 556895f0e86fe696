/**
 * The embedded default's signing secret: JWT_SECRET when set, else a random one generated into the data
 * folder on first start and kept there (readable by its owner only), so tokens survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function jwtSecretFile(dataDir: string): string {
  return join(dataDir, 'jwt-secret');
}

export function loadOrCreateJwtSecret(dataDir: string, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const file = jwtSecretFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx': a process starting at the same moment keeps the secret the first one wrote.
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
