/** GET /events: the history as NDJSON, filtered by type, stream and time, for analysts only. */
import { startTestApp, type TestApp } from './support/http-app';
import { newLead } from './support/story';

describe('GET /events', () => {
  let app: TestApp;
  let analyst: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    analyst = await app.token('analyst', 'an-1');
    const lg = await app.token('lead-generator', 'lg-ivan');
    for (let i = 0; i < 3; i++) await app.request('POST', '/leads', { token: lg, body: newLead });
    await app.request('POST', '/team/reps', { token: await app.token('head-of-sales', 'rop-1'), body: { repId: 'h-anna', name: 'Анна', role: 'hunter' } });
  });
  afterAll(() => app.close());

  // The test client parses a body that is one JSON value; NDJSON of one line arrives parsed already.
  const lines = (body: unknown): Array<Record<string, unknown>> =>
    typeof body === 'string'
      ? body.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
      : body === undefined
        ? []
        : [body as Record<string, unknown>];

  it('streams every stored envelope, one a line, in global order', async () => {
    const response = await app.request('GET', '/events', { token: analyst });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const exported = lines(response.body);
    const stored = await app.events();
    expect(exported.map((line) => line.eventId)).toEqual(stored.map((event) => event.eventId));
    expect(Object.keys(exported[0]!)).toEqual(['eventId', 'type', 'schemaVersion', 'streamId', 'streamRevision', 'globalPosition', 'occurredAt', 'recordedAt', 'data', 'metadata']);
    expect(exported[0]).toMatchObject({ type: 'LeadCaptured', data: { company: { name: 'ООО «Ромашка»' } } });
  });

  it('filters by type, stream prefix and recorded time', async () => {
    const captured = lines((await app.request('GET', '/events?type=LeadCaptured', { token: analyst })).body);
    expect(captured).toHaveLength(3);
    const reps = lines((await app.request('GET', '/events?stream=rep-', { token: analyst })).body);
    expect(reps.map((line) => line.type)).toEqual(['RepJoined']);
    expect(lines((await app.request('GET', '/events?from=2999-01-01', { token: analyst })).body)).toEqual([]);
    expect(lines((await app.request('GET', '/events?until=2000-01-01T00:00:00Z', { token: analyst })).body)).toEqual([]);
  });

  it('refuses bad filters with 400 naming them, and roles that do not read history', async () => {
    for (const [query, field] of [['from=yesterday', 'from'], ['until=2025-13-45', 'until'], ['type=no%20type', 'type']] as const) {
      const response = await app.request('GET', `/events?${query}`, { token: analyst });
      expect({ status: response.status, field: response.body.field }).toEqual({ status: 400, field });
    }
    const hunter = await app.token('hunter', 'h-anna');
    expect((await app.request('GET', '/events', { token: hunter })).body).toMatchObject({ code: 'role-not-allowed' });
  });
});
