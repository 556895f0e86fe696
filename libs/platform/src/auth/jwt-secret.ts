/**
 * The embedded default's secrets: the one bearer tokens are signed with (JWT_SECRET), the one browser
 * sessions are signed with (SESSION_SECRET) and the master key of the personal-data keys (PRIVACY_MASTER_KEY).
 * When not configured, each is a random one generated into the data folder on first start and kept there
 * (readable by its owner only), so tokens and personal data survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function jwtSecretFile(dataDir: string): string {
  return join(dataDir, 'jwt-secret');
}

export function sessionSecretFile(dataDir: string): string {
  return join(dataDir, 'session-secret');
}

export function loadOrCreateJwtSecret(dataDir: string, configured: string | undefined): string {
  return loadOrCreateSecret(dataDir, jwtSecretFile(dataDir), configured, 'JWT_SECRET');
}

export function loadOrCreateSessionSecret(dataDir: string, configured: string | undefined): string {
  return loadOrCreateSecret(dataDir, sessionSecretFile(dataDir), configured, 'SESSION_SECRET');
}

export function privacyMasterKeyFile(dataDir: string): string {
  return join(dataDir, 'privacy-master-key');
}

/** The master key's text (base64 of 32 bytes): PRIVACY_MASTER_KEY, or the one generated into DATA_DIR. */
export function loadOrCreatePrivacyMasterKey(dataDir: string, configured: string | undefined): string {
  return loadOrCreateSecret(dataDir, privacyMasterKeyFile(dataDir), configured, 'PRIVACY_MASTER_KEY', () => randomBytes(32).toString('base64'));
}

function loadOrCreateSecret(
  dataDir: string,
  file: string,
  configured: string | undefined,
  variable: string,
  generate: () => string = () => randomBytes(48).toString('base64url'),
): string {
  if (configured !== undefined) return configured;
  try {
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      // 'wx': a process starting at the same moment keeps the secret the first one wrote.
      try {
        writeFileSync(file, generate(), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
    }
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`${variable} is not set and ${file} cannot be read or created (set ${variable}, or DATA_DIR to a writable folder): ${(error as Error).message}`, { cause: error });
  }
}
