/**
 * The roster through HTTP and the routing that reads it, on SQLite and PostgreSQL: new leads go round the
 * available lead generators (absent ones skipped, the choice recorded); a handoff without a named hunter
 * or closer goes to the least loaded one.
 */
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { newLead, qualification } from './support/story';
import { eventually } from './support/eventually';

describe.each<StoreKind>(['sqlite', 'postgres'])('team and routing on %s', (kind) => {
  let app: TestApp;
  let head: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    head = await app.token('head-of-sales', 'rop-1');
    const join = async (repId: string, name: string, role: string, capacity = 10) => {
      const response = await app.request('POST', '/team/reps', { token: head, body: { repId, name, role, capacity } });
      expect(response).toMatchObject({ status: 201, body: { repId } });
    };
    await join('lg-a', 'Алексей', 'lead-generator');
    await join('lg-b', 'Борис', 'lead-generator');
    await join('lg-c', 'Вера', 'lead-generator');
    await join('h-a', 'Анна', 'hunter');
    await join('h-b', 'Глеб', 'hunter');
    await join('c-k', 'Кирилл', 'closer');
    const away = await app.request('POST', '/team/reps/lg-b/availability', {
      token: head,
      body: { available: false, absentUntil: '2099-01-01T00:00:00.000Z', reason: 'vacation' },
    });
    expect(away.status).toBe(200);
    // Routing reads the roster as it follows the store: wait until it knows lg-b is away.
    await eventually(async () => {
      const roster = (await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; available: boolean }>;
      return roster.length === 6 && roster.find((rep) => rep.repId === 'lg-b')?.available === false;
    });
  });
  afterAll(() => app.close());

  async function assignedTo(leadId: string): Promise<Record<string, unknown>> {
    let assigned: Record<string, unknown> | undefined;
    await eventually(async () => {
      assigned = (await app.events(`lead-${leadId}`)).find((event) => event.type === 'LeadAssigned')?.data as Record<string, unknown> | undefined;
      return assigned !== undefined;
    });
    return assigned!;
  }

  it('lists the roster with availability', async () => {
    await eventually(async () => (await app.request('GET', '/team/reps', { token: head })).body.length === 6);
    const roster = (await app.request('GET', '/team/reps', { token: await app.token('hunter', 'h-a') })).body as Array<Record<string, unknown>>;
    expect(roster.find((rep) => rep.repId === 'lg-b')).toMatchObject({ name: 'Борис', role: 'lead-generator', available: false, absenceReason: 'vacation', revision: 1 });
    expect(roster.find((rep) => rep.repId === 'lg-a')).toMatchObject({ revision: 0 });
    // The revision is the rep's stream's: a command drawn from an older one is refused, and writes nothing.
    const stale = await app.request('POST', '/team/reps/lg-b/role', { token: head, body: { role: 'hunter' }, headers: { 'If-Match': '"0"' } });
    expect(stale).toMatchObject({ status: 409, body: { code: 'version-conflict' } });
    expect(await app.events('rep-lg-b')).toHaveLength(2);
  });

  it('assigns new leads round-robin among available lead generators, recording candidates and who was skipped', async () => {
    await eventually(async () => (await app.request('GET', '/team/reps', { token: head })).body.length === 6);
    const lg = await app.token('lead-generator', 'lg-a');
    const leadIds: string[] = [];
    for (let i = 0; i < 3; i++) leadIds.push((await app.request('POST', '/leads', { token: lg, body: newLead })).body.leadId);
    const assignments = [];
    for (const leadId of leadIds) assignments.push(await assignedTo(leadId));
    expect(assignments.map((assignment) => assignment.leadGeneratorId)).toEqual(['lg-a', 'lg-c', 'lg-a']);
    expect(assignments[0]).toMatchObject({ rule: 'round-robin', skipped: [{ repId: 'lg-b', reason: 'absent' }] });
    expect((assignments[0]!.candidates as Array<{ repId: string }>).map((candidate) => candidate.repId)).toEqual(['lg-a', 'lg-c']);
    const events = await app.events(`lead-${leadIds[0]}`);
    expect(events[1]!.metadata).toMatchObject({ causationId: events[0]!.eventId, actor: { userId: 'prospecting.routing', role: 'service' } });
  });

  async function qualifiedLead(): Promise<{ leadId: string; token: string }> {
    const capture = await app.request('POST', '/leads', { token: head, body: newLead });
    const { leadId } = capture.body;
    // Routing gives it to a lead generator; that one works it.
    const { leadGeneratorId } = (await assignedTo(leadId)) as { leadGeneratorId: string };
    const token = await app.token('lead-generator', leadGeneratorId);
    expect((await app.request('POST', `/leads/${leadId}/contact-attempts`, { token, body: { channel: 'call', outcome: 'reached' } })).status).toBe(201);
    expect((await app.request('POST', `/leads/${leadId}/qualify`, { token, body: qualification })).status).toBe(200);
    return { leadId, token };
  }

  it('hands a lead to the least-loaded hunter and a deal to the least-loaded closer when none is named', async () => {
    const first = await qualifiedLead();
    expect((await app.request('POST', `/leads/${first.leadId}/hand-off`, { token: first.token, body: { hunterId: 'h-a' } })).status).toBe(200);
    await eventually(async () => {
      const roster = (await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; load: number }>;
      return roster.find((rep) => rep.repId === 'h-a')?.load === 1;
    });

    const second = await qualifiedLead();
    const routed = await app.request('POST', `/leads/${second.leadId}/hand-off`, { token: second.token, body: {} });
    expect(routed).toMatchObject({ status: 200, body: { hunterId: 'h-b' } });
    const handedOff = (await app.events(`lead-${second.leadId}`)).find((event) => event.type === 'LeadHandedOff')!;
    expect(handedOff.data).toMatchObject({
      hunterId: 'h-b',
      rule: 'least-loaded',
      candidates: [
        { repId: 'h-a', load: 1 },
        { repId: 'h-b', load: 0 },
      ],
      skipped: [],
    });

    const dealId = routed.body.dealId as string;
    const hunter = await app.token('hunter', 'h-b');
    await eventually(async () => (await app.request('GET', `/deals/${dealId}`, { token: hunter })).status === 200);
    const toCloser = await app.request('POST', `/deals/${dealId}/hand-off-to-closer`, { token: hunter, body: { reason: 'Нужен опыт закрытия' } });
    expect(toCloser).toMatchObject({ status: 200, body: { closerId: 'c-k' } });
    const deal = await app.events(`deal-${dealId}`);
    expect(deal.at(-1)).toMatchObject({ type: 'DealHandedOffToCloser', data: { closerId: 'c-k', rule: 'least-loaded', candidates: [{ repId: 'c-k', load: 0 }] } });
  });

  it('refuses bad roster input with 400 naming the field, and domain errors as such', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['/team/reps', { name: 'X', role: 'boss' }, 'role'],
      ['/team/reps', { role: 'hunter' }, 'name'],
      ['/team/reps', { name: 'X', role: 'hunter', capacity: 0 }, 'capacity'],
      ['/team/reps', { repId: 'a b', name: 'X', role: 'hunter' }, 'repId'],
      ['/team/reps/h-a/role', { role: 'ceo' }, 'role'],
      ['/team/reps/h-a/availability', { available: 'no' }, 'available'],
      ['/team/reps/h-a/availability', { available: false, absentUntil: 'soon' }, 'absentUntil'],
      ['/team/reps/h-a/leave', { reason: '' }, 'reason'],
    ];
    const before = (await app.events()).length;
    for (const [path, body, field] of cases) {
      const response = await app.request('POST', path, { token: head, body });
      expect({ path, status: response.status, field: response.body.field }).toEqual({ path, status: 400, field });
    }
    expect((await app.events()).length).toBe(before);
    expect((await app.request('POST', '/team/reps', { token: head, body: { repId: 'h-a', name: 'Анна', role: 'hunter' } })).body).toMatchObject({ code: 'rep-exists' });
    expect((await app.request('POST', '/team/reps/nobody/leave', { token: head, body: {} })).status).toBe(404);
    const past = await app.request('POST', '/team/reps/h-a/availability', { token: head, body: { available: false, absentUntil: '2001-01-01T00:00:00.000Z' } });
    expect(past).toMatchObject({ status: 422, body: { code: 'absence-in-past' } });
  });
});
