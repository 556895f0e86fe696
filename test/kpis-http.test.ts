/**
 * The dashboard's KPI routes over HTTP on both stores: the series, the funnel drill-down, the forecast and
 * the leaderboard each agree with GET /kpis for the same query; bad input gets a 400 naming the parameter;
 * the routes are guarded as GET /kpis is and described in /docs-json.
 */
import { handedOffDeal, newLead, wonAccount } from './support/story';
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { eventually } from './support/eventually';

const STAGES = ['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won'];
/** What says where the figures stand rather than what they are. */
const figures = ({ asOf: _asOf, position: _position, eventsApplied: _events, ...rest }: Record<string, unknown>) => rest;

describe.each<StoreKind>(['sqlite', 'postgres'])('the KPI routes on %s', (kind) => {
  let app: TestApp;
  const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
  const monthEnd = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString();

  beforeAll(async () => {
    app = await startTestApp(kind);
    const head = await app.token('head-of-sales', 'rop-1');
    const ok = async (path: string, body: unknown) => {
      const response = await app.request('POST', path, { token: head, body });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    await ok('/team/reps', { repId: 'lg-ivan', name: 'Иван', role: 'lead-generator', capacity: 50 });
    await ok('/team/reps', { repId: 'h-anna', name: 'Анна', role: 'hunter', capacity: 50 });
    await ok('/team/reps', { repId: 'f-fedor', name: 'Фёдор', role: 'farmer', capacity: 50 });
    await ok('/plans', { periodStart: monthStart, periodEnd: monthEnd, scope: { kind: 'team' }, metric: 'new-business-revenue', target: 2_000_000, currency: 'RUB' });
    await ok('/plans', { periodStart: monthStart, periodEnd: monthEnd, scope: { kind: 'rep', repId: 'h-anna' }, metric: 'deals-won', target: 4 });
    await wonAccount(app); // won: 470,000 RUB, its account Fedor's
    await ok('/team/reps/f-fedor/availability', { available: false, absentUntil: '2099-01-10T00:00:00.000Z', reason: 'vacation' });
    await handedOffDeal(app); // open, estimated at 450,000 RUB
    const { leadId } = await ok('/leads', newLead);
    await ok(`/leads/${leadId}/assign`, { leadGeneratorId: 'lg-ivan' });
    await eventually(async () => (await get('/kpis')).body.funnel?.captured === 3);
  }, 60_000);
  afterAll(() => app.close());

  const get = async (path: string, role = 'head-of-sales', userId = 'rop-1') => app.request('GET', path, { token: await app.token(role as never, userId) });
  /** A fixed `to`, so that two requests ask about the same period. */
  const until = () => new Date(Date.now() + 1000).toISOString();

  it('gives a series whose every bucket is GET /kpis for that bucket', async () => {
    const to = until();
    const series = await get(`/kpis/series?interval=week&groupBy=rep&to=${encodeURIComponent(to)}`);
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({ interval: 'week', to, groupBy: 'rep', asOf: null });
    expect(series.body.buckets.length).toBeGreaterThanOrEqual(12);
    expect(series.body.buckets.at(-1).report.funnel.captured).toBe(3);
    for (const bucket of series.body.buckets) {
      const kpis = await get(`/kpis?groupBy=rep&from=${encodeURIComponent(bucket.from)}&to=${encodeURIComponent(bucket.to)}`);
      expect(bucket.report).toEqual(figures(kpis.body));
    }
  });

  it('drills into every stage of both funnels, its total the count GET /kpis shows', async () => {
    const to = until();
    const kpis = (await get(`/kpis?to=${encodeURIComponent(to)}`)).body;
    // The deal won without a meeting or a proposal got past both: the cohort counts it there too (the activity funnel does not).
    expect(kpis.cohortFunnel.funnel).toEqual({ captured: 3, contacted: 2, qualified: 2, handedOff: 2, dealOpened: 2, meetingHeld: 1, proposalSent: 1, won: 1 });
    expect(kpis.funnel).toMatchObject({ meetingHeld: 0, proposalSent: 0, won: 1 });
    for (const stage of STAGES) {
      for (const [view, funnel] of [['activity', kpis.funnel], ['cohort', kpis.cohortFunnel.funnel]] as const) {
        const drill = await get(`/kpis/funnel/${stage}?view=${view}&to=${encodeURIComponent(to)}`);
        expect(drill.status).toBe(200);
        expect({ stage, view, total: drill.body.total }).toEqual({ stage, view, total: funnel[stage] });
        expect(drill.body.items).toHaveLength(funnel[stage]);
      }
    }
    const won = await get(`/kpis/funnel/won?to=${encodeURIComponent(to)}`);
    expect(won.body.items[0]).toMatchObject({ kind: 'deal', company: newLead.company.name, repId: 'h-anna', value: { amount: 470000, currency: 'RUB' } });
    const captured = await get(`/kpis/funnel/captured?to=${encodeURIComponent(to)}&limit=1&offset=1`);
    expect(captured.body).toMatchObject({ stage: 'captured', view: 'activity', total: 3 });
    expect(captured.body.items).toHaveLength(1);
    expect(JSON.stringify(captured.body)).not.toContain(newLead.contact.email);
    // Leads named from their streams (the facts keep no names); a handed-off lead valued by its deal's estimate.
    const handedOff = (await get(`/kpis/funnel/handedOff?view=cohort&to=${encodeURIComponent(to)}`)).body;
    expect(handedOff.items.map((item: { kind: string; company: string }) => [item.kind, item.company])).toEqual([
      ['lead', newLead.company.name], ['lead', newLead.company.name],
    ]);
    expect(handedOff.items[0].value).toEqual({ amount: 450000, currency: 'RUB' });
  });

  it('forecasts the month from its plans and pipeline, beside what it achieved', async () => {
    const forecast = await get('/kpis/forecast');
    expect(forecast.status).toBe(200);
    expect(forecast.body).toMatchObject({ asOf: null, period: { from: monthStart, to: monthEnd }, periodEnded: false });
    const team = forecast.body.plans.find((plan: { metric: string }) => plan.metric === 'new-business-revenue');
    expect(team).toMatchObject({ method: 'pipeline', target: 2_000_000, achieved: 470000, actual: 470000, currency: 'RUB' });
    expect(team.pipeline.dealStages[0]).toMatchObject({ key: 'qualification', open: 1, openValue: 450000 });
    // No deal of the history had been opened daysLeft before now: no new pipeline to learn from yet.
    expect(team.pipeline.newPipeline).toMatchObject({ deals: 0, expected: 0 });
    expect(team.forecast).toBeCloseTo(470000 + team.pipeline.expected + team.pipeline.newPipeline.expected, 2);
    expect(forecast.body.plans.find((plan: { metric: string }) => plan.metric === 'deals-won')).toMatchObject({ scope: { kind: 'rep', repId: 'h-anna' }, achieved: 1, target: 4 });
    expect(forecast.body.teamNewBusinessRevenue).toEqual([{ ...team, planId: null, target: null, attainmentForecast: null, attainment: null }]);
    // Made at the start of the month, nothing had been won yet.
    const atStart = await get(`/kpis/forecast?madeAt=${encodeURIComponent(monthStart)}`);
    expect(atStart.body.plans.find((plan: { metric: string }) => plan.metric === 'new-business-revenue')).toMatchObject({ achieved: 0, actual: 470000 });
  });

  it('lists the team by role with the per-rep figures of GET /kpis', async () => {
    const to = until();
    const board = await get(`/kpis/leaderboard?to=${encodeURIComponent(to)}`);
    expect(board.status).toBe(200);
    expect(board.body.roles.map((role: { role: string }) => role.role)).toEqual(['lead-generator', 'hunter', 'farmer']);
    const byRep = (await get(`/kpis?groupBy=rep&to=${encodeURIComponent(to)}`)).body;
    const anna = board.body.roles[1].reps[0];
    const group = byRep.groups.find((each: { key: string }) => each.key === 'h-anna');
    expect(anna).toMatchObject({ repId: 'h-anna', name: 'Анна', available: true, openWork: 1, capacity: 50, load: 0.02 });
    expect(anna.figures).toMatchObject({ won: group.winRate.won, revenue: group.revenue, meetingsHeld: group.activity.meetingsHeld });
    expect(anna.plans).toEqual([{ planId: expect.any(String), metric: 'deals-won', currency: null, target: 4, actual: 1, attainment: 0.25 }]);
    expect(board.body.roles[2].reps[0]).toMatchObject({ repId: 'f-fedor', available: false, absentUntil: '2099-01-10T00:00:00.000Z', openWork: 1 });
  });

  it('answers as of a past moment from the history as it stood then', async () => {
    const asOf = new Date().toISOString();
    for (const path of ['/kpis/series', '/kpis/funnel/captured', '/kpis/leaderboard', '/kpis/forecast']) {
      const response = await get(`${path}?asOf=${encodeURIComponent(asOf)}`);
      expect({ path, status: response.status, asOf: response.body.asOf }).toEqual({ path, status: 200, asOf });
    }
    const live = await get(`/kpis/funnel/captured?to=${encodeURIComponent(asOf)}`);
    const past = await get(`/kpis/funnel/captured?asOf=${encodeURIComponent(asOf)}`);
    expect(figures(past.body)).toEqual(figures(live.body));
  });
});

describe('the KPI routes, refused', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('sqlite');
  });
  afterAll(() => app.close());

  const get = async (path: string, role = 'head-of-sales') => app.request('GET', path, { token: await app.token(role as never, 'someone') });
  const ROUTES = ['/kpis/series', '/kpis/funnel/won', '/kpis/forecast', '/kpis/leaderboard'];

  it.each([
    ['/kpis/series?interval=day', 'interval', /week, month/],
    ['/kpis/series?interval=week&interval=month', 'interval', /week, month/],
    ['/kpis/series?from=2020-01-01&to=2026-01-01&interval=week', 'from', /at most 106 weeks/],
    ['/kpis/series?from=last-week', 'from', /ISO 8601/],
    ['/kpis/series?to=2026-13-01', 'to', /ISO 8601/],
    ['/kpis/series?asOf=2999-01-01', 'asOf', /future/],
    ['/kpis/series?groupBy=team', 'groupBy', /rep, role, source, script/],
    ['/kpis/series?from=2026-03-01&to=2026-02-01', 'from', /before to/],
    ['/kpis/funnel/lost', 'stage', /captured, contacted/],
    ['/kpis/funnel/won?view=both', 'view', /activity, cohort/],
    ['/kpis/funnel/won?limit=0', 'limit', /1 to 500/],
    ['/kpis/funnel/won?limit=501', 'limit', /1 to 500/],
    ['/kpis/funnel/won?offset=-1', 'offset', /integer from 0/],
    ['/kpis/funnel/won?offset=1.5', 'offset', /integer from 0/],
    ['/kpis/funnel/won?from=soon', 'from', /ISO 8601/],
    ['/kpis/funnel/won?to=later', 'to', /ISO 8601/],
    ['/kpis/funnel/won?asOf=2999-01-01', 'asOf', /future/],
    ['/kpis/forecast?madeAt=yesterday', 'madeAt', /ISO 8601/],
    ['/kpis/forecast?from=2026-01-01&to=2026-02-01&madeAt=2026-02-02', 'madeAt', /within the period/],
    ['/kpis/forecast?from=2026-01-01&to=2026-02-01&madeAt=2025-12-31', 'madeAt', /within the period/],
    ['/kpis/forecast?from=2026-01-01&to=2026-02-01&asOf=2026-01-10&madeAt=2026-01-20', 'madeAt', /not be after asOf/],
    ['/kpis/forecast?from=2099-01-01&to=2099-02-01', 'from', /must have begun/],
    ['/kpis/forecast?from=2026-02-01&to=2026-01-01', 'from', /before to/],
    ['/kpis/forecast?to=tomorrow', 'to', /ISO 8601/],
    ['/kpis/forecast?asOf=2999-01-01', 'asOf', /future/],
    ['/kpis/leaderboard?from=x', 'from', /ISO 8601/],
    ['/kpis/leaderboard?to=x', 'to', /ISO 8601/],
    ['/kpis/leaderboard?asOf=2999-01-01', 'asOf', /future/],
    ['/kpis/leaderboard?from=2026-03-01&to=2026-03-01', 'from', /before to/],
  ])('answers GET %s with a 400 naming %s', async (path, field, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid-request', field });
    expect(response.body.message).toMatch(message);
  });

  it('takes a series of at most 106 buckets, and the default of 12 whole intervals before the current one', async () => {
    expect((await get('/kpis/series?from=2024-01-01&to=2026-01-12&interval=week')).body.buckets).toHaveLength(106);
    expect((await get('/kpis/series?from=2024-01-01&to=2026-01-13&interval=week')).status).toBe(400);
    const months = await get('/kpis/series?interval=month&to=2026-03-18T12:00:00Z');
    expect(months.body.from).toBe('2025-03-01T00:00:00.000Z');
    expect(months.body.buckets.map((bucket: { whole: boolean }) => bucket.whole)).toEqual([...Array(12).fill(true), false]);
  });

  it('answers 401 without a token and 403 to roles that may not read KPIs, as GET /kpis does', async () => {
    for (const path of ROUTES) {
      expect({ path, status: (await app.request('GET', path)).status }).toEqual({ path, status: 401 });
      for (const role of ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant']) {
        const response = await get(path, role);
        expect({ path, role, status: response.status, code: response.body.code }).toEqual({ path, role, status: 403, code: 'role-not-allowed' });
      }
      for (const role of ['head-of-sales', 'analyst', 'service']) expect({ path, role, status: (await get(path, role)).status }).toEqual({ path, role, status: 200 });
    }
  });

  it('describes the new routes in /docs-json, every object with its required properties', async () => {
    const docs = (await app.request('GET', '/docs-json')).body;
    for (const path of ['/kpis/series', '/kpis/funnel/{stage}', '/kpis/forecast', '/kpis/leaderboard', '/kpis']) {
      const operation = docs.paths[path]?.get;
      expect({ path, described: operation !== undefined }).toEqual({ path, described: true });
      const schema = operation.responses['200'].content['application/json'].schema;
      const untyped: string[] = [];
      const visit = (node: Record<string, unknown>, where: string): void => {
        if (node.oneOf) return (node.oneOf as Array<Record<string, unknown>>).forEach((each, index) => visit(each, `${where}|${index}`));
        if (node.type === undefined) untyped.push(where);
        if (node.type === 'object' && node.properties) {
          const properties = node.properties as Record<string, Record<string, unknown>>;
          if (!Array.isArray(node.required)) untyped.push(`${where} (no required list)`);
          for (const [name, child] of Object.entries(properties)) visit(child, `${where}.${name}`);
        }
        if (node.type === 'object' && !node.properties && !node.additionalProperties) untyped.push(`${where} (an object of nothing)`);
        if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(node.additionalProperties as Record<string, unknown>, `${where}[*]`);
        if (node.type === 'array') visit(node.items as Record<string, unknown>, `${where}[]`);
      };
      visit(schema, path);
      expect(untyped).toEqual([]);
    }
    expect(docs.paths['/kpis'].get.responses['200'].content['application/json'].schema.properties.cohortFunnel.required).toEqual(['funnel', 'stageConversion', 'dropOff']);
  });
});
