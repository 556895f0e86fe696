/** Every route the API describes, called by every role: exactly the roles of the matrix get past the guard. */
import { ROLE_IDS, type Role } from '#libs/contracts';
import { PERMISSION_MATRIX, type Permission } from '#libs/platform';
import { startTestApp, type TestApp } from './support/http-app';
import { handedOffDeal, newLead, qualification, wonAccount } from './support/story';

const routes: Array<[string, string, Permission, unknown]> = [
  ['POST', '/leads', 'lead:capture', newLead],
  ['POST', '/leads/import', 'lead:import', [{ company: 'Импорт' }]],
  ['GET', '/leads/{leadId}', 'lead:read', undefined],
  ['POST', '/leads/{leadId}/assign', 'lead:assign', { leadGeneratorId: 'lg-ivan' }],
  ['POST', '/leads/{leadId}/contact-attempts', 'lead:log-contact-attempt', { channel: 'call', outcome: 'no-answer' }],
  ['POST', '/leads/{leadId}/qualify', 'lead:qualify', qualification],
  ['POST', '/leads/{leadId}/disqualify', 'lead:disqualify', { reason: 'no-budget' }],
  ['POST', '/leads/{leadId}/hand-off', 'lead:hand-off', { hunterId: 'h-anna' }],
  ['GET', '/deals/{dealId}', 'deal:read', undefined],
  ['POST', '/deals/{dealId}/meetings', 'deal:schedule-meeting', { scheduledFor: '2099-01-01T00:00:00.000Z', kind: 'demo' }],
  ['POST', '/deals/{dealId}/meetings/{meetingId}/held', 'deal:record-meeting', { outcome: 'neutral' }],
  ['POST', '/deals/{dealId}/meetings/{meetingId}/cancel', 'deal:record-meeting', { reason: 'перенос' }],
  ['POST', '/deals/{dealId}/meetings/{meetingId}/no-show', 'deal:record-meeting', {}],
  ['POST', '/deals/{dealId}/stage', 'deal:change-stage', { stage: 'discovery' }],
  ['POST', '/deals/{dealId}/proposals', 'deal:send-proposal', { amount: { amount: 1, currency: 'RUB' }, validUntil: '2099-01-01T00:00:00.000Z' }],
  ['POST', '/deals/{dealId}/hand-off-to-closer', 'deal:hand-off-to-closer', { closerId: 'c-kirill', reason: 'застряли' }],
  ['POST', '/deals/{dealId}/owner', 'deal:reassign', { ownerId: 'h-boris' }],
  ['POST', '/deals/{dealId}/win', 'deal:win', { amount: { amount: 1, currency: 'RUB' } }],
  ['POST', '/deals/{dealId}/lose', 'deal:lose', { reason: 'price' }],
  ['GET', '/accounts/{accountId}', 'account:read', undefined],
  ['POST', '/accounts/{accountId}/touchpoints', 'account:log-touchpoint', { kind: 'check-in' }],
  ['POST', '/accounts/{accountId}/repeat-sales', 'account:repeat-sale', { kind: 'upsell', estimatedValue: { amount: 1, currency: 'RUB' } }],
  ['POST', '/accounts/{accountId}/repeat-sales/{repeatSaleId}/win', 'account:repeat-sale', { amount: { amount: 1, currency: 'RUB' } }],
  ['POST', '/accounts/{accountId}/repeat-sales/{repeatSaleId}/lose', 'account:repeat-sale', { reason: 'нет бюджета' }],
  ['POST', '/accounts/{accountId}/promote-to-key', 'account:promote-to-key', { kamId: 'kam-kate' }],
  ['POST', '/accounts/{accountId}/demote-from-key', 'account:demote-from-key', { farmerId: 'f-fedor', reason: 'выручка упала' }],
  ['POST', '/accounts/{accountId}/farmer', 'account:assign-farmer', { farmerId: 'f-fedor' }],
  ['POST', '/accounts/{accountId}/churn-risk', 'account:flag-churn-risk', { level: 'low', reason: 'тишина' }],
  ['POST', '/accounts/{accountId}/churn', 'account:churn', { reason: 'ушли' }],
  ['GET', '/call-scripts', 'call-script:read', undefined],
  ['GET', '/call-scripts/{scriptId}', 'call-script:read', undefined],
  ['POST', '/call-scripts', 'call-script:write', { title: 'Скрипт', steps: ['Привет'] }],
  ['POST', '/call-scripts/{scriptId}/versions', 'call-script:write', { title: 'Скрипт', steps: ['Привет'] }],
  ['POST', '/call-scripts/{scriptId}/retire', 'call-script:write', {}],
  ['GET', '/plans/{planId}', 'plan:read', undefined],
  ['POST', '/plans', 'plan:set', { periodStart: '2027-01-01T00:00:00.000Z', periodEnd: '2027-04-01T00:00:00.000Z', scope: { kind: 'team' }, metric: 'deals-won', target: 10 }],
  ['GET', '/tasks/{taskId}', 'task:read', undefined],
  ['POST', '/tasks', 'task:request', { kind: 'report', dealId: 'd-1', dueAt: '2099-01-01T00:00:00.000Z' }],
  ['POST', '/tasks/{taskId}/complete', 'task:complete', {}],
  ['POST', '/tasks/{taskId}/cancel', 'task:cancel', { reason: 'не нужно' }],
  ['GET', '/events', 'history:read', undefined],
  ['GET', '/kpis', 'kpi:read', undefined],
  ['GET', '/kpis/series', 'kpi:read', undefined],
  ['GET', '/kpis/funnel/{stage}', 'kpi:read', undefined],
  ['GET', '/kpis/forecast', 'kpi:read', undefined],
  ['GET', '/kpis/leaderboard', 'kpi:read', undefined],
  ['GET', '/kpis/export', 'kpi:read', undefined],
  ['GET', '/queues/me', 'queue:read-own', undefined],
  ['GET', '/queues/{role}/{repId}', 'queue:read-any', undefined],
  ['GET', '/team/reps', 'team:read', undefined],
  ['POST', '/team/reps', 'team:manage', { name: 'Новый сотрудник', role: 'hunter' }],
  ['POST', '/team/reps/{repId}/role', 'team:manage', { role: 'closer' }],
  ['POST', '/team/reps/{repId}/availability', 'team:manage', { available: true }],
  ['POST', '/team/reps/{repId}/leave', 'team:manage', {}],
  ['GET', '/privacy/subjects/{subjectId}', 'privacy:read', undefined],
  ['POST', '/privacy/subjects/{subjectId}/erase', 'privacy:erase', { reason: 'other' }],
];

/** Routes that answer with a stream that does not end (Server-Sent Events): their status is read, then the stream closed. */
const streamed: Array<[string, string, Permission]> = [['GET', '/live', 'live:read']];

describe('the permission matrix, route by route', () => {
  let app: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    const { leadId } = (await app.request('POST', '/leads', { token: await app.token('lead-generator', 'lg-ivan'), body: newLead })).body;
    const { dealId } = await handedOffDeal(app);
    const { accountId } = await wonAccount(app);
    ids = { role: 'hunter', stage: 'won', leadId, dealId, meetingId: 'm-1', repId: 'nobody', accountId, repeatSaleId: 'r-1', scriptId: 's-1', planId: 'p-1', taskId: 't-1', subjectId: `lead-${leadId}` };
  });
  afterAll(() => app.close());

  it('tests every route the API describes', async () => {
    const docs = await app.request('GET', '/docs-json');
    const described = Object.entries(docs.body.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Public, without a token: the health checks, the metrics, the AsyncAPI document of the Kafka topics, and signing in.
    const open = [
      'GET /health', 'GET /health/live', 'GET /health/ready', 'GET /metrics', 'GET /asyncapi',
      'GET /auth/config', 'GET /auth/session', 'POST /auth/local/sign-in', 'POST /auth/session/act-as', 'POST /auth/sign-out',
      'GET /auth/oidc/start', 'GET /auth/oidc/callback',
    ];
    expect(described.filter((route) => !open.includes(route)).sort()).toEqual([...routes, ...streamed].map(([method, path]) => `${method} ${path}`).sort());
  });

  it('answers GET /health, /health/live, /health/ready, /metrics and /asyncapi without a token', async () => {
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics', '/asyncapi']) expect((await app.request('GET', path)).status).toBe(200);
  });

  it.each(streamed)('%s %s (a stream) lets in exactly the roles of %s', async (method, path, permission) => {
    for (const role of ROLE_IDS) {
      const abort = new AbortController();
      const response = await fetch(`${app.running.url}${path}`, { method, headers: { authorization: `Bearer ${await app.token(role as Role, `someone-${role}`)}` }, signal: abort.signal });
      const allowed = (PERMISSION_MATRIX[permission] as readonly string[]).includes(role);
      const code = response.status === 403 ? ((await response.json()) as { code: string }).code : undefined;
      abort.abort();
      if (allowed) expect({ role, status: response.status, type: response.headers.get('content-type') }).toEqual({ role, status: 200, type: 'text/event-stream; charset=utf-8' });
      else expect({ role, status: response.status, code }).toEqual({ role, status: 403, code: 'role-not-allowed' });
    }
  });

  it.each(routes)('%s %s lets in exactly the roles of %s', async (method, path, permission, body) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
    for (const role of ROLE_IDS) {
      const response = await app.request(method, url, { token: await app.token(role as Role, `someone-${role}`), body });
      const allowed = (PERMISSION_MATRIX[permission] as readonly string[]).includes(role);
      if (allowed) expect({ role, code: response.body?.code }).not.toEqual({ role, code: 'role-not-allowed' });
      else expect({ role, status: response.status, code: response.body?.code }).toEqual({ role, status: 403, code: 'role-not-allowed' });
    }
  });
});
