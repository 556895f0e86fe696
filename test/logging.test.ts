/**
 * The JSON logs: one line per answered request carrying the request's correlation id — the id its events carry
 * and its answer says back — and nothing personal, no token, no query string; LOG_LEVEL decides what is written.
 */
import { startTestApp, type TestApp } from './support/http-app';
import { Lines } from './support/log-lines';
import { newLead } from './support/story';
import { eventually } from './support/eventually';


describe('logs', () => {
  let app: TestApp;
  let lines: Lines;

  beforeAll(async () => {
    lines = new Lines();
    app = await startTestApp('sqlite', undefined, {}, { logger: lines });
    await eventually(async () => (await app.request('GET', '/health/ready')).status === 200, { what: 'the app ready' });
  });
  afterAll(() => app.close());

  it('are JSON lines, the boot included, each with its level, time and app', () => {
    expect(lines.all.length).toBeGreaterThan(0);
    for (const line of lines.all) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(String), app: 'Sales-ops' });
    expect(lines.all.some((line) => typeof line['msg'] === 'string' && typeof line['context'] === 'string')).toBe(true);
  });

  it("log an answer with the request's correlation id, the one its events carry and its answer says back", async () => {
    const token = await app.token('lead-generator', 'lg-logs');
    const captured = await app.request('POST', '/leads', { token, body: newLead });
    expect(captured.status).toBe(201);
    const id = captured.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = await app.events(`lead-${captured.body.leadId as string}`);
    expect(event!.metadata.correlationId).toBe(id);
    await eventually(() => lines.answer('POST', '/leads') !== undefined, { what: 'the answer logged' });
    const line = lines.answer('POST', '/leads')!;
    expect(line).toMatchObject({ correlationId: id, req: { method: 'POST', path: '/leads' }, res: { statusCode: 201 }, msg: 'POST /leads 201' });
    expect(line['responseTime']).toEqual(expect.any(Number));
  });

  it("take the client's own X-Correlation-Id for the logs and the events alike", async () => {
    const token = await app.token('lead-generator', 'lg-logs');
    const captured = await app.request('POST', '/leads', { token, body: { ...newLead, company: { ...newLead.company, taxId: '7700000002' } }, headers: { 'x-correlation-id': 'crm-sync-42' } });
    expect(captured.status).toBe(201);
    expect(captured.headers.get('x-correlation-id')).toBe('crm-sync-42');
    const [event] = await app.events(`lead-${captured.body.leadId as string}`);
    expect(event!.metadata.correlationId).toBe('crm-sync-42');
    await eventually(() => lines.all.some((line) => line['correlationId'] === 'crm-sync-42' && (line['res'] as { statusCode?: number } | undefined)?.statusCode === 201), { what: 'the answer logged under the client id' });
  });

  it('hold no token, no personal data, no query string, and not the probes', async () => {
    const token = await app.token('lead-generator', 'lg-logs');
    expect((await app.request('GET', `/leads?email=${encodeURIComponent(newLead.contact.email)}`, { token })).status).toBeLessThan(500);
    expect((await app.request('GET', '/metrics')).status).toBe(200);
    await eventually(() => lines.all.some((line) => (line['req'] as { path?: string } | undefined)?.path === '/leads' && (line['req'] as { method?: string }).method === 'GET'), { what: 'the search logged' });
    const text = lines.raw.join('');
    for (const value of [token, newLead.contact.name, newLead.contact.email, newLead.contact.phone, newLead.company.taxId, 'authorization', 'Bearer']) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    expect(lines.all.some((line) => /^\/(health|metrics)/.test((line['req'] as { path?: string } | undefined)?.path ?? ''))).toBe(false);
  });
});
