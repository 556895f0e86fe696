/**
 * Thousands of commands from many concurrent clients, spread over two app instances on one PostgreSQL
 * store (one of them writes each read model, the other follows): afterwards every count in the KPIs, as
 * both instances serve them, equals the number of events of that kind in the store.
 */
import { startTestApp, type TestApp } from './support/http-app';
import { eventually } from './support/eventually';

const LEADS = 600;
const CLIENTS = 24;

describe('KPIs after concurrent load on PostgreSQL', () => {
  let apps: TestApp[];

  beforeAll(async () => {
    const first = await startTestApp('postgres');
    apps = [first, await startTestApp('postgres', first.url)];
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  }, 60_000);

  it('counts every event exactly once', async () => {
    const head = await apps[0]!.token('head-of-sales', 'rop-1');
    let commands = 0;
    const send = async (i: number, path: string, body: unknown) => {
      const response = await apps[i % 2]!.request('POST', path, { token: head, body });
      commands++;
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    for (const [repId, role] of [['lg-1', 'lead-generator'], ['lg-2', 'lead-generator'], ['lg-3', 'lead-generator'], ['h-1', 'hunter'], ['h-2', 'hunter']]) {
      await send(0, '/team/reps', { repId, name: repId, role, capacity: 10_000 });
    }
    const work = async (i: number) => {
      const { leadId } = await send(i, '/leads', { company: { name: `Клиент ${i}` }, contact: { email: `c${i}@example.ru` }, estimatedValue: { amount: 1000 + i, currency: 'RUB' } });
      const attempts = 1 + (i % 3);
      for (let n = 0; n < attempts; n++) {
        await send(i + n, `/leads/${leadId}/contact-attempts`, { channel: 'call', outcome: n === attempts - 1 ? 'reached' : 'no-answer' });
      }
      if (i % 3 === 0) {
        await send(i, `/leads/${leadId}/qualify`, {
          budget: { amount: 5000, currency: 'RUB' }, authority: 'CEO', need: 'CRM', timing: 'Q1', estimatedValue: { amount: 5000, currency: 'RUB' },
        });
        await send(i + 1, `/leads/${leadId}/hand-off`, {});
      } else if (i % 5 === 0) await send(i, `/leads/${leadId}/disqualify`, { reason: 'no-need' });
    };
    let next = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < LEADS) await work(next++);
    }));
    expect(commands).toBeGreaterThan(1500);

    // The hand-off process manager opens the deals after the requests have returned.
    const dealsOpened = async () => (await apps[0]!.events()).filter((event) => event.type === 'DealOpened').length;
    await eventually(async () => (await dealsOpened()) === LEADS / 3, { timeoutMs: 30_000 });
    const counts: Record<string, number> = {};
    const leadsContacted = new Set<string>();
    for (const event of await apps[0]!.events()) {
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      if (event.type === 'LeadContactAttempted') leadsContacted.add(event.streamId);
    }
    const expected = {
      captured: counts.LeadCaptured, contacted: leadsContacted.size, qualified: counts.LeadQualified, handedOff: counts.LeadHandedOff,
      dealOpened: counts.DealOpened, meetingHeld: 0, proposalSent: 0, won: 0,
    };
    expect(expected.captured).toBe(LEADS);
    expect(expected.dealOpened).toBe(LEADS / 3);
    const everything = '/kpis?from=2000-01-01&to=2100-01-01&groupBy=rep';
    for (const app of apps) {
      await eventually(async () => (await app.request('GET', everything, { token: head })).body.funnel?.dealOpened === expected.dealOpened, { timeoutMs: 30_000 });
      const kpis = (await app.request('GET', everything, { token: head })).body;
      expect(kpis.funnel).toEqual(expected);
      expect(kpis.activity.attempts).toBe(counts.LeadContactAttempted);
      expect(kpis.lossReasons.leadsDisqualified).toEqual({ 'no-need': counts.LeadDisqualified });
      // Grouped by rep, every lead is counted once: for its lead generator, or as unassigned.
      expect(kpis.groups.reduce((sum: number, g: { funnel: { captured: number } }) => sum + g.funnel.captured, 0)).toBe(LEADS);
    }
    const roles = await Promise.all(apps.map(async (app) => (await app.request('GET', '/health')).body.projections.projections.map((p: { role: string }) => p.role)));
    expect(roles.flat().sort()).toEqual(['follower', 'follower', 'writer', 'writer']);
    console.log(`${commands} commands from ${CLIENTS} clients over 2 instances; ${Object.values(counts).reduce((a, b) => a + b, 0)} events`);
  }, 120_000);
});
