/**
 * GET /metrics on the all-in-one app: Prometheus' text format, every answer counted by route template (never by
 * a filled-in path), refusals included, the process's own metrics, and each part /health reports, with no personal
 * data anywhere in it.
 */
import { startTestApp, type TestApp } from './support/http-app';
import { newLead } from './support/story';
import { eventually } from './support/eventually';

/** The value of one sample line (`name{labels} value`), or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  for (const line of text.split('\n')) {
    if (wanted.length === 0 && line.startsWith(`${name} `)) return Number(line.slice(name.length + 1));
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (wanted.every((pair) => inside.split(',').includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  let app: TestApp;
  let ivan: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    ivan = await app.token('lead-generator', 'lg-ivan');
    await eventually(async () => (await app.request('GET', '/health/ready')).status === 200, { what: 'the app ready' });
  });
  afterAll(() => app.close());

  it("counts answers by route template and status, refusals and unknown paths included, and holds no personal data", async () => {
    const captured = await app.request('POST', '/leads', { token: ivan, body: newLead });
    expect(captured.status).toBe(201);
    const leadId = captured.body.leadId as string;
    expect((await app.request('GET', `/leads/${leadId}`, { token: ivan })).status).toBe(200);
    expect((await app.request('GET', `/leads/${leadId}`)).status).toBe(401);
    expect((await app.request('GET', '/no-such-route', { token: ivan })).status).toBe(404);

    const response = await app.request('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body as string;
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/leads', status: '201' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/leads/:leadId', status: '200' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/leads/:leadId', status: '401' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/leads', status_class: '2xx' })).toBe(1);
    // Ids are no label; nor is anything the lead carried.
    for (const value of [leadId, newLead.contact.name, newLead.contact.email, newLead.contact.phone, newLead.company.taxId, ivan]) expect(text).not.toContain(value);
  });

  it("reports the process, the store and every part /health reports", async () => {
    const text = (await app.request('GET', '/metrics')).body as string;
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']) expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    expect(sample(text, 'sales_ops_store_reachable', {})).toBe(1);
    for (const part of ['projections', 'roster', 'leadIdentity', 'processManagers']) {
      expect(sample(text, 'sales_ops_part_healthy', { part })).toBe(1);
      expect(sample(text, 'sales_ops_part_ready', { part })).toBe(1);
    }
    for (const reader of ['projection:work-queues', 'projection:kpi-facts', 'roster', 'leadIdentity', 'process-manager:prospecting.assign-lead-on-capture']) {
      expect(sample(text, 'sales_ops_reader_live', { reader })).toBe(1);
    }
    expect(sample(text, 'sales_ops_events_behind', { reader: 'projection:work-queues' })).toBe(0);
    // The lead identities count what they have persisted: the capture above within a second (their live window).
    const handled = async (): Promise<number> => sample((await app.request('GET', '/metrics')).body as string, 'sales_ops_events_handled', { reader: 'leadIdentity' }) ?? 0;
    await eventually(async () => (await handled()) >= 1, { what: 'the lead identities counting the capture' });
  });

  it('counts commands by type and outcome — written, repeat, conflict, refused — with the events they appended', async () => {
    const head = await app.token('head-of-sales', 'rop-1');
    const metrics = async () => (await app.request('GET', '/metrics')).body as string;
    const count = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) ?? 0;
    const before = await metrics();
    const headers = { 'idempotency-key': 'metrics-capture-1' };
    const first = await app.request('POST', '/leads', { token: ivan, body: newLead, headers });
    expect(first.status).toBe(201);
    expect((await app.request('POST', '/leads', { token: ivan, body: newLead, headers })).status).toBe(201);
    const leadId = first.body.leadId as string;
    // The lead is routed by a process manager (its own command); assign it with a revision long gone.
    const stale = await app.request('POST', `/leads/${leadId}/assign`, { token: head, body: { leadGeneratorId: 'lg-ivan' }, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(409);
    const refused = await app.request('POST', `/leads/${leadId}/disqualify`, { token: await app.token('lead-generator', 'lg-olga'), body: { reason: 'no-budget' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const after = await metrics();
    const delta = (name: string, labels: Record<string, string>) => count(after, name, labels) - count(before, name, labels);
    expect(delta('sales_ops_commands_total', { command: 'CaptureLead', outcome: 'written' })).toBe(1);
    expect(delta('sales_ops_commands_total', { command: 'CaptureLead', outcome: 'repeat' })).toBe(1);
    expect(delta('sales_ops_events_appended_total', { command: 'CaptureLead' })).toBe(1);
    expect(delta('sales_ops_commands_total', { command: 'AssignLead', outcome: 'conflict' })).toBe(1);
    expect(delta('sales_ops_append_conflicts_total', { command: 'AssignLead' })).toBe(1);
    expect(delta('sales_ops_commands_total', { command: 'DisqualifyLead', outcome: 'refused' })).toBe(1);
    expect(delta('sales_ops_command_duration_seconds_count', { command: 'CaptureLead', outcome: 'written' })).toBe(1);
    for (const value of [leadId, newLead.contact.name, newLead.contact.email, newLead.company.taxId]) expect(after).not.toContain(value);
  });

  it('answers without a token, like /health', async () => {
    expect((await app.request('GET', '/metrics')).status).toBe(200);
  });
});
