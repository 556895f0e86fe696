/**
 * rotate-master-key --new-key-file <file>: re-wraps every data subject's key from the current master key
 * (PRIVACY_MASTER_KEY, or the one in DATA_DIR) to the one in the file, in one transaction; no event changes.
 * On the embedded default (the key in DATA_DIR) the file there is replaced too; otherwise PRIVACY_MASTER_KEY must
 * be set to the new key on every process before they start again.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseMasterKey, rotatePrivacyMasterKey } from '#libs/event-store';
import { privacyMasterKey, privacyMasterKeyFile, type AppConfig } from '#libs/platform';
import { CliError } from './cli-error';

export async function rotateMasterKeyCommand(options: { readonly newKeyFile?: string }, config: AppConfig, out: NodeJS.WritableStream): Promise<void> {
  if (options.newKeyFile === undefined) throw new CliError('rotate-master-key needs --new-key-file <file> (32 random bytes as base64 or hex, e.g. from openssl rand -base64 32)');
  let text: string;
  try {
    text = readFileSync(options.newKeyFile, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${options.newKeyFile}: ${(error as Error).message}`);
  }
  const newKey = parseMasterKey(text, '--new-key-file');
  const oldKey = privacyMasterKey(config);
  if (oldKey.equals(newKey)) throw new CliError('the new master key is the current one: nothing to rotate');
  const rewrapped = await rotatePrivacyMasterKey(config.eventStoreUrl, oldKey, newKey, config.readModelUrl);
  if (config.privacy.masterKey === undefined) {
    const file = privacyMasterKeyFile(config.dataDir);
    writeFileSync(`${file}.new`, newKey.toString('base64'), { mode: 0o600 });
    renameSync(`${file}.new`, file);
    out.write(`re-wrapped ${rewrapped} subject keys; ${file} now holds the new master key\n`);
  } else {
    out.write(`re-wrapped ${rewrapped} subject keys; set PRIVACY_MASTER_KEY to the new key on every process before starting them again\n`);
  }
}
