/**
 * The lead routes through HTTP on the all-in-one app, on SQLite and on PostgreSQL: the prospecting story,
 * idempotency and If-Match, bad input per route, and authentication (the matrix: permission-matrix.test.ts).
 */
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { newLead, qualification } from './support/story';
import { eventually } from './support/eventually';

describe.each<StoreKind>(['sqlite', 'postgres'])('lead routes on %s', (kind) => {
  let app: TestApp;
  let head: string;
  let ivan: string;
  let olga: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    head = await app.token('head-of-sales', 'rop-1');
    ivan = await app.token('lead-generator', 'lg-ivan');
    olga = await app.token('lead-generator', 'lg-olga');
  });
  afterAll(() => app.close());

  async function capturedLead(): Promise<string> {
    const response = await app.request('POST', '/leads', { token: ivan, body: newLead });
    expect(response.status).toBe(201);
    return response.body.leadId as string;
  }

  it('walks a lead from capture to handoff, recording who did what', async () => {
    const leadId = await capturedLead();
    expect((await app.request('POST', `/leads/${leadId}/assign`, { token: head, body: { leadGeneratorId: 'lg-ivan' } })).status).toBe(200);
    const attempt = await app.request('POST', `/leads/${leadId}/contact-attempts`, {
      token: ivan,
      body: { channel: 'call', outcome: 'reached', script: { scriptId: 'cold-call', version: 2 }, note: 'Интересуются' },
    });
    expect(attempt.status).toBe(201);
    expect((await app.request('POST', `/leads/${leadId}/qualify`, { token: ivan, body: qualification })).status).toBe(200);
    const handoff = await app.request('POST', `/leads/${leadId}/hand-off`, { token: ivan, body: { hunterId: 'h-anna' } });
    expect(handoff.status).toBe(200);
    expect(handoff.body).toMatchObject({ leadId, hunterId: 'h-anna', revision: 4 });
    expect(handoff.body.dealId).toMatch(/^[0-9a-f-]{36}$/);

    const view = await app.request('GET', `/leads/${leadId}`, { token: head });
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toBe('"4"');
    expect(view.body).toMatchObject({
      leadId,
      company: newLead.company,
      status: 'handed-off',
      leadGeneratorId: 'lg-ivan',
      qualification: { ...qualification, leadId },
      handoff: { hunterId: 'h-anna', dealId: handoff.body.dealId },
    });
    expect(view.body.contactAttempts).toHaveLength(1);
    // The history, line by line: who did what, when, and by which rule it was routed and handed on.
    expect(view.body.history).toEqual([
      { revision: 0, type: 'LeadCaptured', at: view.body.capturedAt, by: { userId: 'lg-ivan', role: 'lead-generator' } },
      { revision: 1, type: 'LeadAssigned', at: expect.any(String), by: { userId: 'rop-1', role: 'head-of-sales' }, detail: { rule: 'named', leadGeneratorId: 'lg-ivan' } },
      {
        revision: 2,
        type: 'LeadContactAttempted',
        at: view.body.contactAttempts[0].at,
        by: { userId: 'lg-ivan', role: 'lead-generator' },
        detail: { attemptNumber: 1, channel: 'call', outcome: 'reached', nextAttemptAt: null, scriptId: 'cold-call', scriptVersion: 2 },
      },
      { revision: 3, type: 'LeadQualified', at: expect.any(String), by: { userId: 'lg-ivan', role: 'lead-generator' } },
      { revision: 4, type: 'LeadHandedOff', at: expect.any(String), by: { userId: 'lg-ivan', role: 'lead-generator' }, detail: { rule: 'named', hunterId: 'h-anna', dealId: handoff.body.dealId } },
    ]);
    // No personal value in the history: it is what a page lists to anyone who may read the lead.
    expect(JSON.stringify(view.body.history)).not.toContain('Интересуются');

    const events = await app.events(`lead-${leadId}`);
    expect(events.map((event) => [event.type, event.metadata.actor])).toEqual([
      ['LeadCaptured', { userId: 'lg-ivan', role: 'lead-generator' }],
      ['LeadAssigned', { userId: 'rop-1', role: 'head-of-sales' }],
      ['LeadContactAttempted', { userId: 'lg-ivan', role: 'lead-generator' }],
      ['LeadQualified', { userId: 'lg-ivan', role: 'lead-generator' }],
      ['LeadHandedOff', { userId: 'lg-ivan', role: 'lead-generator' }],
    ]);
    for (const event of events) expect(event.metadata.correlationId).toEqual(expect.any(String));
    // The handoff process manager opens the deal after the request returned: let it finish here, so that
    // its event does not land in the middle of the next test's count.
    await eventually(async () => (await app.request('GET', `/deals/${handoff.body.dealId}`, { token: head })).status === 200);
  });

  it('answers a repeated Idempotency-Key with the same lead and writes nothing more', async () => {
    const before = (await app.events()).length;
    const headers = { 'idempotency-key': `capture-${kind}-1` };
    const first = await app.request('POST', '/leads', { token: ivan, body: newLead, headers });
    const again = await app.request('POST', '/leads', { token: ivan, body: newLead, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await app.events()).length).toBe(before + 1);
  });

  it('refuses a command whose If-Match revision is stale, writing nothing', async () => {
    const leadId = await capturedLead();
    await app.request('POST', `/leads/${leadId}/assign`, { token: head, body: { leadGeneratorId: 'lg-ivan' } });
    const stale = await app.request('POST', `/leads/${leadId}/assign`, {
      token: head,
      body: { leadGeneratorId: 'lg-olga' },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', actualRevision: 1 });
    expect(await app.events(`lead-${leadId}`)).toHaveLength(2);
  });

  it('maps domain rejections to 403, 404, 409 and 422', async () => {
    const leadId = await capturedLead();
    await app.request('POST', `/leads/${leadId}/assign`, { token: head, body: { leadGeneratorId: 'lg-ivan' } });
    const notOwner = await app.request('POST', `/leads/${leadId}/disqualify`, { token: olga, body: { reason: 'no-budget' } });
    expect(notOwner).toMatchObject({ status: 403, body: { code: 'not-lead-owner' } });
    const unknown = await app.request('GET', '/leads/no-such-lead', { token: head });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'lead-not-found' } });
    const neverReached = await app.request('POST', `/leads/${leadId}/qualify`, { token: ivan, body: qualification });
    expect(neverReached).toMatchObject({ status: 422, body: { code: 'lead-never-reached' } });
    const noHunters = await app.request('POST', `/leads/${leadId}/hand-off`, { token: ivan, body: {} });
    expect(noHunters).toMatchObject({ status: 422, body: { code: 'no-hunter-available', field: 'hunterId' } });
    const notQualified = await app.request('POST', `/leads/${leadId}/hand-off`, { token: ivan, body: { hunterId: 'h-anna' } });
    expect(notQualified).toMatchObject({ status: 409, body: { code: 'lead-not-qualified' } });
    expect(await app.events(`lead-${leadId}`)).toHaveLength(2);
  });

  describe('bad input gets 400 naming the field, and writes nothing', () => {
    const cases: Array<[string, string, (leadId: string) => string, unknown, string]> = [
      ['capture without a company', 'POST', () => '/leads', { contact: newLead.contact }, 'company'],
      ['capture with a company that is text', 'POST', () => '/leads', { company: 'ООО' }, 'company'],
      ['capture without a company name', 'POST', () => '/leads', { ...newLead, company: { taxId: '7707083893' } }, 'company.name'],
      ['capture with a bad tax id', 'POST', () => '/leads', { ...newLead, company: { name: 'X', taxId: '12' } }, 'company.taxId'],
      ['capture with a bad email', 'POST', () => '/leads', { ...newLead, contact: { email: 'nope' } }, 'contact.email'],
      ['capture with an unknown field', 'POST', () => '/leads', { ...newLead, owner: 'me' }, 'owner'],
      ['capture with a negative value', 'POST', () => '/leads', { ...newLead, estimatedValue: { amount: -1, currency: 'RUB' } }, 'estimatedValue.amount'],
      ['capture with a bad currency', 'POST', () => '/leads', { ...newLead, estimatedValue: { amount: 1, currency: 'rubles' } }, 'estimatedValue.currency'],
      ['assign to a bad rep id', 'POST', (id) => `/leads/${id}/assign`, { leadGeneratorId: 'a b' }, 'leadGeneratorId'],
      ['a contact attempt on a bad channel', 'POST', (id) => `/leads/${id}/contact-attempts`, { channel: 'fax', outcome: 'reached' }, 'channel'],
      ['a contact attempt with a bad date', 'POST', (id) => `/leads/${id}/contact-attempts`, { channel: 'call', outcome: 'no-answer', nextAttemptAt: 'tomorrow' }, 'nextAttemptAt'],
      ['qualify without a need', 'POST', (id) => `/leads/${id}/qualify`, { ...qualification, need: undefined }, 'need'],
      ['qualify without a budget', 'POST', (id) => `/leads/${id}/qualify`, { ...qualification, budget: undefined }, 'budget'],
      ['disqualify for an unknown reason', 'POST', (id) => `/leads/${id}/disqualify`, { reason: 'boring' }, 'reason'],
      ['hand off to a bad hunter id', 'POST', (id) => `/leads/${id}/hand-off`, { hunterId: 'a b' }, 'hunterId'],
      ['a bad lead id in the path', 'POST', () => '/leads/bad%20id/qualify', qualification, 'leadId'],
      ['a bad If-Match', 'POST', (id) => `/leads/${id}/disqualify`, { reason: 'no-budget' }, 'If-Match'],
    ];

    it.each(cases)('%s', async (_, method, path, body, field) => {
      const leadId = await capturedLead();
      const before = (await app.events()).length;
      const response = await app.request(method, path(leadId), {
        token: head,
        body,
        headers: field === 'If-Match' ? { 'if-match': 'yesterday' } : {},
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid-request', field });
      expect(response.body.message).toContain(field);
      expect((await app.events()).length).toBe(before);
    });

    it('answers garbage bodies on every route with a 4xx, never a 500', async () => {
      const leadId = await capturedLead();
      const paths = ['/leads', ...['assign', 'contact-attempts', 'qualify', 'disqualify', 'hand-off'].map((action) => `/leads/${leadId}/${action}`)];
      for (const path of paths) {
        for (const body of ['null', '[]', '"text"', '42', '{"__proto__":{"x":1}}', '{"company":{"name":["a"]}}']) {
          const response = await app.request('POST', path, { token: head, body, headers: { 'content-type': 'application/json' } });
          expect({ path, body, status: response.status >= 400 && response.status < 500 }).toEqual({ path, body, status: true });
        }
      }
    });

    it('refuses a body that is not JSON', async () => {
      const response = await app.request('POST', '/leads', { token: ivan, body: '{"company":', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
    });
  });

  describe('authentication', () => {
    it('refuses a missing, malformed or foreign token with 401', async () => {
      expect((await app.request('GET', '/leads/x')).status).toBe(401);
      expect((await app.request('GET', '/leads/x', { headers: { authorization: 'Bearer nonsense' } })).body).toMatchObject({
        statusCode: 401,
        code: 'bad-token',
      });
      const { signToken } = await import('#libs/platform');
      const foreign = await signToken('another-secret-of-at-least-thirty-two-chars', { userId: 'x', role: 'head-of-sales' });
      expect((await app.request('GET', '/leads/x', { token: foreign })).status).toBe(401);
    });

    it('keeps /health and the API description open', async () => {
      expect((await app.request('GET', '/health')).status).toBe(200);
      const docs = await app.request('GET', '/docs-json');
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/leads', '/leads/{leadId}', '/leads/{leadId}/hand-off']));
    });
  });
});
