/**
 * The whole department in one flow through HTTP: roster, plan, call script, lead import, routing, contact attempts,
 * qualification, handoff 1, deal, meetings, proposal, handoff 2, win, handoff 3, touchpoints, a repeat sale and
 * handoff 4 — then the stored history, read back in order, with its types, actors and causation chain. On SQLite and
 * PostgreSQL (test/department-story-http.test.ts) and on KurrentDB (department-story-http.kurrentdb.ts).
 */
import { comparePositions, type StoredEvent } from '#libs/event-store';
import { startTestApp, type StoreKind, type TestApp } from './http-app';
import { qualification } from './story';
import { eventually } from './eventually';

export function describeDepartmentStory(kinds: StoreKind[]): void {
  describe.each<StoreKind>(kinds)('the department story on %s', (kind) => {
    let app: TestApp;
    afterAll(() => app?.close());

    it('runs from the roster to a key account, and the history tells it', async () => {
      app = await startTestApp(kind);
      const head = await app.token('head-of-sales', 'rop-1');
      const ok = async (token: string, method: string, path: string, body?: unknown, expected = [200, 201]) => {
        const response = await app.request(method, path, { token, body });
        expect({ path, status: expected.includes(response.status) ? 'ok' : `${response.status} ${JSON.stringify(response.body)}` }).toEqual({ path, status: 'ok' });
        return response.body;
      };

      // The team, a plan and a script.
      const team: Array<[string, string, string]> = [
        ['lg-ivan', 'Иван', 'lead-generator'],
        ['lg-olga', 'Ольга', 'lead-generator'],
        ['h-anna', 'Анна', 'hunter'],
        ['c-kirill', 'Кирилл', 'closer'],
        ['f-fedor', 'Фёдор', 'farmer'],
        ['kam-kate', 'Катя', 'kam'],
        ['sa-sasha', 'Саша', 'sales-assistant'],
      ];
      for (const [repId, name, role] of team) await ok(head, 'POST', '/team/reps', { repId, name, role, capacity: 40 });
      await ok(head, 'POST', '/team/reps/lg-olga/availability', { available: false, absentUntil: '2099-01-01T00:00:00.000Z', reason: 'vacation' });
      await ok(head, 'POST', '/plans', {
        planId: 'story-plan',
        periodStart: '2026-01-01T00:00:00.000Z',
        periodEnd: '2099-01-01T00:00:00.000Z',
        scope: { kind: 'team' },
        metric: 'new-business-revenue',
        target: 5000000,
        currency: 'RUB',
      });
      await ok(head, 'POST', '/call-scripts', { scriptId: 'story-script', title: 'Холодный звонок', steps: ['Представиться', 'Найти ЛПР'] });
      await eventually(async () => {
        const roster = (await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; available: boolean }>;
        return roster.length === team.length && roster.find((rep) => rep.repId === 'lg-olga')?.available === false;
      });

      // Leads come in by import; routing gives them to Ivan (Olga is away).
      const imported = await ok(head, 'POST', '/leads/import', [
        { company: 'ООО «Ромашка»', taxId: '7707083893', contactName: 'Иван Петров', email: 'ivan@romashka.ru' },
        { company: 'ООО «Ромашка» (дубль)', email: 'IVAN@romashka.ru' },
      ]);
      expect(imported).toMatchObject({ imported: 1, duplicates: [{ row: 2, matchedOn: 'email' }] });
      const leadId = imported.leads[0].leadId as string;
      await eventually(async () => (await app.request('GET', `/leads/${leadId}`, { token: head })).body.leadGeneratorId === 'lg-ivan');

      const ivan = await app.token('lead-generator', 'lg-ivan');
      await ok(ivan, 'POST', `/leads/${leadId}/contact-attempts`, { channel: 'call', outcome: 'no-answer', script: { scriptId: 'story-script', version: 1 }, nextAttemptAt: '2099-01-01T10:00:00.000Z' });
      await ok(ivan, 'POST', `/leads/${leadId}/contact-attempts`, { channel: 'call', outcome: 'reached', script: { scriptId: 'story-script', version: 1 } });
      await ok(ivan, 'POST', `/leads/${leadId}/qualify`, qualification);
      const handoff = await ok(ivan, 'POST', `/leads/${leadId}/hand-off`, {});
      expect(handoff.hunterId).toBe('h-anna');
      const dealId = handoff.dealId as string;

      // The deal, worked by Anna and closed by Kirill.
      const anna = await app.token('hunter', 'h-anna');
      await eventually(async () => (await app.request('GET', `/deals/${dealId}`, { token: anna })).status === 200);
      const meeting = await ok(anna, 'POST', `/deals/${dealId}/meetings`, { scheduledFor: '2099-02-01T09:00:00.000Z', kind: 'discovery' });
      await ok(anna, 'POST', `/deals/${dealId}/meetings/${meeting.meetingId}/held`, { outcome: 'positive' });
      await ok(anna, 'POST', `/tasks`, { kind: 'proposal', dealId, dueAt: '2099-01-20T12:00:00.000Z' });
      await ok(anna, 'POST', `/deals/${dealId}/proposals`, { amount: { amount: 480000, currency: 'RUB' }, validUntil: '2099-03-01T00:00:00.000Z' });
      await ok(anna, 'POST', `/deals/${dealId}/stage`, { stage: 'negotiation' });
      await ok(anna, 'POST', `/deals/${dealId}/hand-off-to-closer`, { reason: 'Застряли на цене' });
      const kirill = await app.token('closer', 'c-kirill');
      const won = await ok(kirill, 'POST', `/deals/${dealId}/win`, { amount: { amount: 470000, currency: 'RUB' }, closerPercent: 40 });
      const accountId = won.accountId as string;

      // The account, grown by Fyodor until it passes the threshold and goes to Kate.
      const fedor = await app.token('farmer', 'f-fedor');
      await eventually(async () => (await app.request('GET', `/accounts/${accountId}`, { token: fedor })).status === 200);
      // The promotion's process manager has seen the opening (below the threshold) before the repeat sale is won: else,
      // running behind on a busy machine, it would read the account after the win and promote it on AccountOpened.
      await eventually(async () => {
        const { managers } = (await app.request('GET', '/health')).body.processManagers as { managers: Array<{ name: string; eventsHandled: number }> };
        return (managers.find((manager) => manager.name === 'account-management.promote-on-revenue')?.eventsHandled ?? 0) >= 1;
      });
      await ok(fedor, 'POST', `/accounts/${accountId}/touchpoints`, { kind: 'qbr', satisfaction: 9 });
      const sale = await ok(fedor, 'POST', `/accounts/${accountId}/repeat-sales`, { kind: 'upsell', estimatedValue: { amount: 600000, currency: 'RUB' } });
      await ok(fedor, 'POST', `/accounts/${accountId}/repeat-sales/${sale.repeatSaleId}/win`, { amount: { amount: 600000, currency: 'RUB' } });
      await eventually(async () => (await app.request('GET', `/accounts/${accountId}`, { token: head })).body.ownerId === 'kam-kate');

      // The history, in global order.
      const all = await app.events();
      const of = (streamId: string) => all.filter((event) => event.streamId === streamId);
      const actors = (events: StoredEvent[]) => events.map((event) => `${event.type} by ${event.metadata.actor.userId}`);
      expect(actors(of(`lead-${leadId}`))).toEqual([
        'LeadCaptured by rop-1',
        'LeadAssigned by prospecting.routing',
        'LeadContactAttempted by lg-ivan',
        'LeadContactAttempted by lg-ivan',
        'LeadQualified by lg-ivan',
        'LeadHandedOff by lg-ivan',
      ]);
      expect(actors(of(`deal-${dealId}`))).toEqual([
        'DealOpened by deal-closing.handoff',
        'MeetingScheduled by h-anna',
        'MeetingHeld by h-anna',
        'ProposalSent by h-anna',
        'DealStageChanged by h-anna',
        'DealHandedOffToCloser by h-anna',
        'DealWon by c-kirill',
      ]);
      expect(actors(of(`account-${accountId}`))).toEqual([
        'AccountOpened by account-management.handoff',
        'TouchpointLogged by f-fedor',
        'RepeatSaleOpened by f-fedor',
        'RepeatSaleWon by f-fedor',
        'AccountPromotedToKey by account-management.key-accounts',
      ]);

      // Every event a process manager wrote names the event that caused it, and shares its correlation id.
      const byId = new Map(all.map((event) => [event.eventId, event]));
      const caused = all.filter((event) => event.metadata.actor.role === 'service');
      expect(caused.map((event) => `${byId.get(event.metadata.causationId!)?.type} -> ${event.type}`)).toEqual(
        expect.arrayContaining(['LeadCaptured -> LeadAssigned', 'LeadHandedOff -> DealOpened', 'DealWon -> AccountOpened', 'RepeatSaleWon -> AccountPromotedToKey']),
      );
      for (const event of caused) expect(event.metadata.correlationId).toBe(byId.get(event.metadata.causationId!)!.metadata.correlationId);
      const handedOff = of(`lead-${leadId}`).at(-1)!;
      expect(handedOff.data).toMatchObject({ rule: 'least-loaded', candidates: [{ repId: 'h-anna', load: 0 }] });
      const assigned = of(`lead-${leadId}`)[1]!;
      expect(assigned.data).toMatchObject({ rule: 'round-robin', skipped: [{ repId: 'lg-olga', reason: 'absent' }] });
      // Positions grow along the story: the global order is the order things happened in.
      for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBeLessThan(0);
    });
  });
}
