/**
 * Starts and stops the real OpenID Connect provider of test/support/oidc-provider-child.mjs in a child process
 * (oidc-provider is ESM-only and stays out of Jest's module system), and gets its tokens. (The script is
 * not named oidc-provider.mjs: Jest would resolve `./support/oidc-provider` to it, .mjs before .ts.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface OidcProviderOptions {
  /** The app's callback(s), registered for the web client. */
  readonly redirectUris: readonly string[];
  /** Accounts by id (the `login` typed into the provider's form; their `sub`), with the claims their ID tokens carry. */
  readonly accounts: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The audience of the JWT access tokens the service client gets (the app's OIDC_AUDIENCE). */
  readonly apiAudience: string;
  readonly webClientId: string;
  readonly serviceClient: { readonly id: string; readonly secret: string; readonly role: string };
}

export interface TestOidcProvider {
  readonly issuer: string;
  /** A JWT access token for the API, by client credentials as another internal service would get it. */
  serviceToken(): Promise<string>;
  stop(): Promise<void>;
}

/** Generous: a loaded 2-core CI machine once needed more than 20 s (the child prints each step to say where it stood). */
const START_TIMEOUT_MS = 60_000;

export async function startOidcProvider(options: OidcProviderOptions): Promise<TestOidcProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-child.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    // A provider that does not start is stopped: its open pipes would keep Jest from ever exiting.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the OIDC provider did not start in ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((each) => each.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OIDC provider exited (${code}):\n${output}`));
    });
  });
  return {
    issuer,
    async serviceToken() {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${options.serviceClient.id}:${options.serviceClient.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!response.ok || !body.access_token) throw new Error(`no token from the provider: ${response.status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port free at the moment (for an app whose address must be registered with the provider before it starts). */
export { freePort } from '../../bench/bench-process';
