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

function startApp(folder: string, timeoutMs: number): Promise<AppProcess> {
  return startAppProcess({
    DATA_DIR: folder,
    EVENT_STORE_URL: `sqlite:${join(folder, 'store.db')}`,
    JWT_SECRET: SECRET,
    SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
    KAFKA_BROKERS: '',
  });
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
});
