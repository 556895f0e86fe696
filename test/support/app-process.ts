/** The all-in-one app in a process of its own (from the sources), as `npm start` runs it: for what needs a real process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { SOURCE_ARGS } from './run-source';

const ROOT = resolve(__dirname, '..', '..');

export interface AppProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything it wrote on stdout and stderr so far. */
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts apps/sales-ops' main with `env` over this process's environment (its OIDC and public URL settings cleared, a
 * free port on 127.0.0.1), and resolves once it says where it listens; rejects with its output when it exits first
 * or is not listening within a minute.
 */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, [...SOURCE_ARGS, 'apps/sales-ops/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', PORT: '0', HOST: '127.0.0.1', OIDC_ISSUER: '', OIDC_JWKS_URL: '', OIDC_CLIENT_ID: '', PUBLIC_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => reject(new Error(`the app exited:\n${output}`)));
  });
  return { child, port, output: () => output, exited };
}
