/**
 * LOG_LEVEL decides what is written: at warn, a request answered 201 and the boot's messages write nothing. In a
 * file of its own: the JSON logger is one per process (nestjs-pino keeps the first app's), and Jest gives each
 * file a fresh one.
 */
import { Lines } from './support/log-lines';
import { startTestApp } from './support/http-app';
import { newLead } from './support/story';

it('writes only what LOG_LEVEL lets through', async () => {
  const lines = new Lines();
  const app = await startTestApp('sqlite', undefined, { LOG_LEVEL: 'warn' }, { logger: lines });
  try {
    const token = await app.token('lead-generator', 'lg-quiet');
    expect((await app.request('POST', '/leads', { token, body: newLead })).status).toBe(201);
    // A refusal and an unknown route: still nothing at info.
    expect((await app.request('POST', '/leads', { token, body: {} })).status).toBe(400);
    expect(lines.all.filter((line) => (line['level'] as number) < 40)).toEqual([]);
  } finally {
    await app.close();
  }
  // The same requests at info are logged (so the check above could fail): see logging.test.ts.
});
