/**
 * Stopping an app (SIGTERM): the request in flight is answered and written, new connections are refused, the
 * process exits 0 once the store is closed; a stop that cannot finish (a request whose body never comes) exits 1 at
 * SHUTDOWN_TIMEOUT_MS, saying so. The all-in-one app in a process of its own, on a SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SqliteEventStore } from '#libs/event-store';
import { signToken } from '#libs/platform';
import { startAppProcess, type AppProcess } from './support/app-process';
import { newLead } from './support/story';

const SECRET = 'a-shutdown-test-secret-of-thirty-two-characters';

function startApp(folder: string, timeoutMs: number, env: Record<string, string> = {}): Promise<AppProcess> {
  return startAppProcess({
    DATA_DIR: folder,
    EVENT_STORE_URL: `sqlite:${join(folder, 'store.db')}`,
    JWT_SECRET: SECRET,
    SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
    KAFKA_BROKERS: '',
    ...env,
  });
}

/** A keep-alive connection of its own: `get` sends a GET on it and resolves with the answer's status line. */
function keepAliveConnection(port: number): { socket: Socket; closed: Promise<number>; get: (path: string) => Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let answered: ((statusLine: string) => void) | undefined;
  socket.on('data', (chunk) => {
    received += chunk.toString();
    const end = received.indexOf('\r\n\r\n');
    const length = Number(/content-length: (\d+)/i.exec(received)?.[1] ?? Number.NaN);
    if (end >= 0 && received.length >= end + 4 + length) {
      const statusLine = received.slice(0, received.indexOf('\r\n'));
      received = received.slice(end + 4 + length);
      answered?.(statusLine);
    }
  });
  return {
    socket,
    closed: new Promise((resolveClosed) => socket.once('close', () => resolveClosed(Date.now()))),
    get: (path) =>
      new Promise((resolveAnswer) => {
        answered = resolveAnswer;
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
      }),
  };
}

/** A POST /leads whose body is sent in two parts: `finish` sends the rest, and resolves with the answer's text. */
function halfSentCapture(port: number, token: string): { socket: Socket; finish: () => Promise<string> } {
  const body = Buffer.from(JSON.stringify(newLead));
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  socket.write(
    `POST /leads HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`,
  );
  socket.write(body.subarray(0, 10));
  return {
    socket,
    finish: () =>
      new Promise((resolveAnswer, reject) => {
        socket.once('error', reject);
        socket.once('close', () => resolveAnswer(answer));
        socket.write(body.subarray(10));
      }),
  };
}

describe('stopping an app', () => {
  const folders: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'sales-ops-shutdown-'));
    folders.push(made);
    return made;
  };

  it('answers and writes the request in flight, refuses new connections, and exits 0', async () => {
    const dir = folder();
    const app = await startApp(dir, 20_000);
    children.push(app.child);
    const token = await signToken(SECRET, { userId: 'lg-ivan', role: 'lead-generator' });
    const inFlight = halfSentCapture(app.port, token);
    // Let the server read the headers, then stop it.
    await new Promise((r) => setTimeout(r, 300));
    app.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const refused = await fetch(`http://127.0.0.1:${app.port}/health`).then(
      (response) => `answered ${response.status}`,
      (error: Error) => `refused: ${(error.cause as { code?: string } | undefined)?.code ?? error.message}`,
    );
    expect(refused).toBe('refused: ECONNREFUSED');
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    const leadId = /"leadId":"([^"]+)"/.exec(answer)?.[1];
    expect(leadId).toBeDefined();
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.output()).toMatch(/SIGTERM: no new requests[\s\S]*stopped/);
    // It is in the store, which was closed cleanly.
    const store = await SqliteEventStore.open({ path: join(dir, 'store.db') });
    try {
      const types: string[] = [];
      for await (const event of store.readStream(`lead-${leadId}`)) types.push(event.type);
      expect(types[0]).toBe('LeadCaptured');
    } finally {
      await store.close();
    }
  }, 90_000);

  it('exits 1 at SHUTDOWN_TIMEOUT_MS when a request in flight never ends, saying so', async () => {
    const app = await startApp(folder(), 1_500);
    children.push(app.child);
    const token = await signToken(SECRET, { userId: 'lg-ivan', role: 'lead-generator' });
    const stuck = halfSentCapture(app.port, token);
    await new Promise((r) => setTimeout(r, 300));
    const stoppedAt = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1_400);
    expect(app.output()).toContain('the stop took longer than SHUTDOWN_TIMEOUT_MS (1500 ms): exiting now');
    stuck.socket.destroy();
  }, 90_000);

  it('keeps an idle keep-alive connection for HTTP_KEEP_ALIVE_TIMEOUT_MS and closes it after; an idle one does not hold up a stop', async () => {
    const app = await startApp(folder(), 20_000, { HTTP_KEEP_ALIVE_TIMEOUT_MS: '2000' });
    children.push(app.child);
    const connection = keepAliveConnection(app.port);
    expect(await connection.get('/health/live')).toBe('HTTP/1.1 200 OK');
    // Idle for a second (Node's own default would have closed it after five): the same connection still answers.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await connection.get('/health/live')).toBe('HTTP/1.1 200 OK');
    const lastAnswer = Date.now();
    // Then the app closes it, once it was idle for its keep-alive timeout.
    expect((await connection.closed) - lastAnswer).toBeGreaterThanOrEqual(1_900);

    // With the default (65 s), a connection left idle is closed by a stop, which ends in time and exits 0.
    const defaults = await startApp(folder(), 20_000);
    children.push(defaults.child);
    const idle = keepAliveConnection(defaults.port);
    expect(await idle.get('/health/live')).toBe('HTTP/1.1 200 OK');
    defaults.child.kill('SIGTERM');
    await idle.closed;
    expect(await defaults.exited).toEqual({ code: 0, signal: null });
    expect(defaults.output()).not.toContain('the stop took longer than SHUTDOWN_TIMEOUT_MS');
    app.child.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
  }, 90_000);
});
