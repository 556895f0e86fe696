/**
 * The read side over HTTP on both stores: each rep's queue and the head of sales' view of anyone's, the
 * KPIs live and as of a past moment, the projections in /health, and clear 4xx answers to bad queries.
 */
import { leadStreamId } from '#libs/contracts';
import { kpiFactsProjection } from '#libs/projections';
import { handedOffDeal, newLead, wonAccount } from './support/story';
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { eventually } from './support/eventually';

describe.each<StoreKind>(['sqlite', 'postgres'])('the read side on %s', (kind) => {
  let app: TestApp;
  let head: string;
  let story: { dealId: string; accountId: string; leadId: string };
  const startedAt = new Date(Date.now() - 1000).toISOString();

  beforeAll(async () => {
    app = await startTestApp(kind);
    head = await app.token('head-of-sales', 'rop-1');
    const ok = async (path: string, body: unknown) => {
      const response = await app.request('POST', path, { token: head, body });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    await ok('/team/reps', { repId: 'lg-ivan', name: 'Иван', role: 'lead-generator', capacity: 50 });
    await ok('/team/reps', { repId: 'h-anna', name: 'Анна', role: 'hunter', capacity: 50 });
    await ok('/team/reps', { repId: 'f-fedor', name: 'Фёдор', role: 'farmer', capacity: 50 });
    story = await wonAccount(app);
    await handedOffDeal(app); // a second deal, still open
    // An untouched lead, assigned to Ivan.
    const { leadId } = await ok('/leads', newLead);
    await ok(`/leads/${leadId}/assign`, { leadGeneratorId: 'lg-ivan' });
    story = { ...story, leadId };
  }, 60_000);
  afterAll(() => app.close());

  const get = async (path: string, role = 'head-of-sales', userId = 'rop-1') =>
    app.request('GET', path, { token: await app.token(role as never, userId) });

  it('shows each rep their own queue, and the head of sales anyone\'s', async () => {
    await eventually(async () => (await get('/queues/me', 'lead-generator', 'lg-ivan')).body.items?.some((i: { id: string }) => i.id === story.leadId));
    const ivan = await get('/queues/me', 'lead-generator', 'lg-ivan');
    expect(ivan.status).toBe(200);
    expect(ivan.body).toMatchObject({ role: 'lead-generator', repId: 'lg-ivan', total: 1 });
    expect(ivan.body.items[0]).toMatchObject({ kind: 'lead', id: story.leadId, reason: 'untouched', title: newLead.company.name });

    await eventually(async () => (await get('/queues/me', 'hunter', 'h-anna')).body.total === 1);
    const anna = await get('/queues/me', 'hunter', 'h-anna');
    expect(anna.body.items[0]).toMatchObject({ kind: 'deal', reason: 'new-handoff' });
    const sameAsHead = await get('/queues/hunter/h-anna');
    expect(sameAsHead.body.items).toEqual(anna.body.items);

    await eventually(async () => (await get('/queues/me', 'farmer', 'f-fedor')).body.total === 1);
    expect((await get('/queues/me', 'farmer', 'f-fedor')).body.items[0]).toMatchObject({ kind: 'account', id: story.accountId, reason: 'touchpoint-upcoming' });
    expect((await get('/queues/me', 'farmer', 'f-fedor')).body.items[0].dueAt).not.toBeNull();
  });

  it('gives the KPIs live, and as they stood at a past moment', async () => {
    await eventually(async () => (await get('/kpis')).body.funnel?.captured === 3);
    const live = await get('/kpis?groupBy=rep');
    expect(live.status).toBe(200);
    expect(live.body.funnel).toEqual({ captured: 3, contacted: 2, qualified: 2, handedOff: 2, dealOpened: 2, meetingHeld: 0, proposalSent: 0, won: 1 });
    expect(live.body.winRate).toEqual({ won: 1, lost: 0, rate: 1 });
    expect(live.body.groups.find((g: { key: string }) => g.key === 'lg-ivan')).toMatchObject({ name: 'Иван', role: 'lead-generator' });
    expect(live.body.position).toMatch(/^\d+\/\d+$/);

    const before = await get(`/kpis?asOf=${encodeURIComponent(startedAt)}`);
    expect(before.status).toBe(200);
    expect(before.body.asOf).toBe(startedAt);
    expect(before.body.funnel.captured).toBe(0);
    const now = await get(`/kpis?asOf=${encodeURIComponent(new Date().toISOString())}&groupBy=rep`);
    const { asOf: _a, position: _p, eventsApplied: _e, ...asOfNow } = now.body;
    const { asOf: _b, position: _q, eventsApplied: _f, ...liveNow } = (await get(`/kpis?to=${encodeURIComponent(now.body.asOf)}&groupBy=rep`)).body;
    expect(asOfNow).toEqual(liveNow);
  });

  it('keeps a fold of a past moment while new events occur after it, and folds again for one recorded late that occurred before it', async () => {
    const moment = new Date().toISOString();
    const first = await get(`/kpis?asOf=${encodeURIComponent(moment)}`);
    expect(first.status).toBe(200);
    const captured = first.body.funnel.captured as number;
    // A lead captured now occurred after the moment: the moment's figures stay, to the event.
    const response = await app.request('POST', '/leads', { token: head, body: { company: { name: 'ООО «Позже»' }, contact: { email: 'later@example.ru' } } });
    expect(response.status).toBe(201);
    const later = await get(`/kpis?asOf=${encodeURIComponent(moment)}`);
    expect(later.body).toEqual(first.body);
    // An import that records, now, a lead captured a minute before the moment changes them.
    const occurredAt = new Date(Date.parse(moment) - 60_000);
    const data = { leadId: 'late-import-1', source: 'import', company: { name: 'ООО «Раньше»' }, contact: { phone: '+7 495 000-00-01' } };
    const metadata = { correlationId: 'c-late', causationId: null, actor: { userId: 'rop-1', role: 'head-of-sales' } };
    await app.store.append(leadStreamId(data.leadId), [{ type: 'LeadCaptured', data, metadata, occurredAt }], { expectedRevision: 'no-stream' });
    // Every event of the KPI facts' types that occurred by the moment, the late one (and what routing did with it) included.
    const occurredBy = async () =>
      (await app.events()).filter((event) => kpiFactsProjection.eventTypes.includes(event.type) && event.occurredAt.getTime() <= Date.parse(moment)).length;
    let refolded = first;
    await eventually(async () => {
      refolded = await get(`/kpis?asOf=${encodeURIComponent(moment)}`);
      return refolded.body.eventsApplied === (await occurredBy());
    });
    expect(refolded.body.eventsApplied).toBeGreaterThan(first.body.eventsApplied);
    expect(refolded.body.funnel.captured).toBe(captured + 1);
    expect(refolded.body.position).not.toBe(first.body.position);
  });

  it('reports every projection and its lag in /health, and the as-of ladder', async () => {
    await eventually(async () => (await app.request('GET', '/health')).body.asOfLadder?.state === 'ready');
    const health = await app.request('GET', '/health');
    expect(health.status).toBe(200);
    const names = health.body.projections.projections.map((p: { projection: string }) => p.projection).sort();
    expect(names).toEqual(['kpi-facts', 'work-queues']);
    for (const projection of health.body.projections.projections) {
      expect(projection).toMatchObject({ state: 'live', role: 'writer', buildStatus: 'active', lag: { eventsBehind: 0, secondsBehind: 0 } });
    }
  });

  it.each([
    ['/kpis?groupBy=team', 'groupBy', /rep, role, source, script/],
    ['/kpis?from=yesterday', 'from', /ISO 8601/],
    ['/kpis?from=2026-03-01&to=2026-02-01', 'from', /before to/],
    ['/kpis?asOf=2999-01-01', 'asOf', /future/],
    ['/queues/boss/rop-1', 'role', /lead-generator/],
    ['/queues/hunter/bad%20id', 'repId', /letters, digits/],
    ['/queues/me?limit=0', 'limit', /1 to 1000/],
  ])('answers GET %s with a 400 naming %s', async (path, field, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field });
    expect(response.body.message).toMatch(message);
  });

  it('answers 404 for a rep nobody knows, and 403 to roles without a queue', async () => {
    expect((await get('/queues/hunter/nobody-at-all')).status).toBe(404);
    expect((await get('/queues/me', 'analyst', 'an-1')).status).toBe(403);
    expect((await get('/queues/hunter/h-anna', 'hunter', 'h-anna')).status).toBe(403);
  });
});

describe('the as-of ladder climbed at the first view of a past moment (AS_OF_LADDER=lazy)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('sqlite', undefined, { AS_OF_LADDER: 'lazy' });
  }, 60_000);
  afterAll(() => app.close());

  it('waits, unclimbed, until a view of a past moment climbs it, which then answers as the live figures do', async () => {
    const token = await app.token('head-of-sales', 'rop-1');
    await eventually(async () => (await app.request('GET', '/health')).body.projections?.projections?.every((p: { state: string }) => p.state === 'live'));
    const lead = await app.request('POST', '/leads', { token, body: newLead });
    expect(lead.status).toBe(201);
    await eventually(async () => (await app.request('GET', '/kpis', { token })).body.funnel?.captured === 1);
    expect((await app.request('GET', '/health')).body.asOfLadder).toMatchObject({ state: 'waiting', rungs: 0, eventsApplied: 0, position: null });
    const moment = new Date().toISOString();
    const past = await app.request('GET', `/kpis?asOf=${encodeURIComponent(moment)}`, { token });
    expect(past.status).toBe(200);
    expect(past.body.funnel.captured).toBe(1);
    const ladder = (await app.request('GET', '/health')).body.asOfLadder;
    expect(ladder).toMatchObject({ healthy: true, state: 'ready' });
    expect(ladder.eventsApplied).toBe(past.body.eventsApplied);
  });
});
