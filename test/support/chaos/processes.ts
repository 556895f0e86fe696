/**
 * The processes of a chaos run, each under a supervisor that restarts it whenever it ends (as an orchestrator's
 * restart policy would): the apps on fixed ports (their clients know both instances' addresses) and the
 * consumer-library children. Their output is kept (the last 64 KB each) for a failure's message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { SOURCE_ARGS } from '../run-source';

export const ROOT = resolve(__dirname, '..', '..', '..');
const KEPT_OUTPUT = 64 * 1024;

/**
 * What must not outlive this process if a run is cut short (a test's timeout, an uncaught error): children are
 * killed, and the servers' scripts asked to stop, synchronously, when it exits.
 */
const leftOnExit = new Set<() => void>();
process.once('exit', () => {
  for (const cleanUp of leftOnExit) {
    try {
      cleanUp();
    } catch {
      // Exiting anyway: the rest still gets its chance.
    }
  }
});

/** Runs `cleanUp` when this process exits, unless the returned function is called first. */
export function onExit(cleanUp: () => void): () => void {
  leftOnExit.add(cleanUp);
  return () => leftOnExit.delete(cleanUp);
}

export interface ProcessSpec {
  readonly name: string;
  /** The script run from the sources, relative to the checkout, and its arguments. */
  readonly script: string;
  readonly args?: readonly string[];
  readonly env: Record<string, string>;
  /** An app: ready once GET /health/ready answers 200 on this port. */
  readonly port?: number;
  /** A child that says it is ready over IPC with `{ type: readyMessage }`. */
  readonly readyMessage?: string;
}

export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private supervising = true;
  private readyNow = false;
  /** Starts, including the first. */
  starts = 0;
  /** Ends the supervisor did not ask for (a crash, an exit on a lost connection). */
  unexpectedExits = 0;
  private killing = false;
  /** An app's last answer to GET /health/ready (or why there was none). */
  lastHealth = '';
  /** A child's last IPC message (a consumer's status), as JSON. */
  lastMessage = '';

  constructor(readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** True once it said it is ready (an app: /health/ready answered 200; a child: its ready message), until it ends. */
  get ready(): boolean {
    return this.readyNow;
  }

  start(): void {
    if (this.child) return;
    this.starts += 1;
    const child = spawn(process.execPath, [...SOURCE_ARGS, this.spec.script, ...(this.spec.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe', ...(this.spec.readyMessage ? (['ipc'] as const) : [])],
    });
    this.child = child;
    this.readyNow = false;
    const forget = onExit(() => child.kill('SIGKILL'));
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-KEPT_OUTPUT);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    if (this.spec.readyMessage) {
      child.on('message', (message: { type?: string }) => {
        if (message?.type === this.spec.readyMessage) this.readyNow = true;
        this.lastMessage = JSON.stringify(message);
      });
    }
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        this.output += `\n[${new Date().toISOString()} ${this.name} ended: ${signal ?? `exit ${code}`}]\n`;
        forget();
        this.child = undefined;
        this.readyNow = false;
        if (!this.killing) this.unexpectedExits += 1;
        this.killing = false;
        done();
        // The restart policy: whatever ended it, it comes back (after a pause, as an orchestrator's back-off).
        if (this.supervising) setTimeout(() => this.supervising && this.start(), 300).unref();
      }),
    );
    if (this.spec.port !== undefined) void this.watchReady(child, this.spec.port);
  }

  /** SIGKILL; resolves once it is gone (the supervisor then starts it again). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killing = true;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Stops supervising and ends it (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    this.supervising = false;
    const child = this.child;
    if (!child) return;
    this.killing = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  lastOutput(chars = 4000): string {
    return this.output.slice(-chars);
  }

  private async watchReady(child: ChildProcess, port: number): Promise<void> {
    while (this.child === child) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        async (response) => {
          this.lastHealth = `${response.status} ${await response.text()}`;
          return response.ok;
        },
        (error: Error) => {
          this.lastHealth = error.message;
          return false;
        },
      );
      if (this.child !== child) return;
      this.readyNow = ok;
      await new Promise((r) => setTimeout(r, ok ? 1_000 : 200));
    }
  }
}

/** Ports handed out by freePort in this process: each once (the kernel may offer a port again once it is closed). */
const handedOut = new Set<number>();

/**
 * A port nothing listens on now on 127.0.0.1 (and, with `pair`, the next one too), never one this process was given
 * before: the run asks for all its apps' ports before starting any, and a port offered for listen(0) and closed at
 * once can be offered again (two apps on one port: one of them exits, and its clients reach the other).
 */
export async function freePort(pair = false): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await listenOnce(0);
    if (handedOut.has(port) || (pair && handedOut.has(port + 1))) continue;
    if (!pair || (await listenOnce(port + 1).then(() => true, () => false))) {
      handedOut.add(port);
      if (pair) handedOut.add(port + 1);
      return port;
    }
  }
  throw new Error(pair ? 'no free port pair on 127.0.0.1' : 'no free port on 127.0.0.1');
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : port));
    });
  });
}
