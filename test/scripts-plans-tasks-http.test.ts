/** Call scripts, sales plans and assistant tasks through HTTP, on SQLite and PostgreSQL. */
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { handedOffDeal } from './support/story';
import { eventually } from './support/eventually';

describe.each<StoreKind>(['sqlite', 'postgres'])('call scripts, plans and tasks on %s', (kind) => {
  let app: TestApp;
  let head: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    head = await app.token('head-of-sales', 'rop-1');
  });
  afterAll(() => app.close());

  it('publishes a call script in versions, retires it, and lead generators read it', async () => {
    const first = await app.request('POST', '/call-scripts', { token: head, body: { scriptId: 'cold-call', title: 'Холодный звонок', steps: ['Представиться', 'Найти ЛПР'] } });
    expect(first).toMatchObject({ status: 201, body: { scriptId: 'cold-call', version: 1 } });
    const second = await app.request('POST', '/call-scripts/cold-call/versions', { token: head, body: { title: 'Холодный звонок v2', steps: ['Представиться', 'Назвать выгоду', 'Найти ЛПР'] } });
    expect(second).toMatchObject({ status: 201, body: { version: 2 } });
    const other = await app.request('POST', '/call-scripts', { token: head, body: { scriptId: 'follow-up', title: 'Повторный звонок', steps: ['Напомнить о себе'] } });
    expect(other.status).toBe(201);
    const lg = await app.token('lead-generator', 'lg-ivan');
    // The scripts in use, by title, each at its latest version (the list follows the store: a moment behind).
    const listed = async () => (await app.request('GET', '/call-scripts', { token: lg })).body.scripts as Array<{ scriptId: string; version: number; title: string; steps: string[] }>;
    await eventually(async () => (await listed()).length === 2, { what: 'both scripts listed' });
    expect((await listed()).map(({ scriptId, version, title, steps }) => ({ scriptId, version, title, steps }))).toEqual([
      { scriptId: 'follow-up', version: 1, title: 'Повторный звонок', steps: ['Напомнить о себе'] },
      { scriptId: 'cold-call', version: 2, title: 'Холодный звонок v2', steps: ['Представиться', 'Назвать выгоду', 'Найти ЛПР'] },
    ]);
    // A closer does not call by script: the list is refused, as a script is.
    expect((await app.request('GET', '/call-scripts', { token: await app.token('closer', 'c-kirill') })).status).toBe(403);
    expect((await app.request('POST', '/call-scripts/cold-call/retire', { token: head, body: { reason: 'Новый скрипт' } })).status).toBe(200);
    // A retired script leaves the list.
    await eventually(async () => (await listed()).length === 1, { what: 'the retired script to leave the list' });
    expect((await listed())[0]!.scriptId).toBe('follow-up');
    const view = await app.request('GET', '/call-scripts/cold-call', { token: lg });
    expect(view.body).toMatchObject({ scriptId: 'cold-call', status: 'retired', versions: [{ version: 1 }, { version: 2, title: 'Холодный звонок v2' }] });
    const late = await app.request('POST', '/call-scripts/cold-call/versions', { token: head, body: { title: 'v3', steps: ['x'] } });
    expect(late).toMatchObject({ status: 409, body: { code: 'script-retired' } });
    const bad = await app.request('POST', '/call-scripts', { token: head, body: { title: 'x', steps: [] } });
    expect(bad).toMatchObject({ status: 400, body: { field: 'steps' } });
  });

  it('sets a plan and resets its target', async () => {
    const body = {
      planId: 'q1-hunters',
      periodStart: '2027-01-01T00:00:00.000Z',
      periodEnd: '2027-04-01T00:00:00.000Z',
      scope: { kind: 'role', role: 'hunter' },
      metric: 'new-business-revenue',
      target: 12000000,
      currency: 'RUB',
    };
    expect((await app.request('POST', '/plans', { token: head, body })).status).toBe(201);
    expect((await app.request('POST', '/plans', { token: head, body: { ...body, target: 15000000 } })).body).toMatchObject({ planId: 'q1-hunters', revision: 1 });
    const plan = await app.request('GET', '/plans/q1-hunters', { token: await app.token('hunter', 'h-anna') });
    expect(plan.body).toMatchObject({ target: 15000000, scope: { kind: 'role', role: 'hunter' }, revision: 1 });
    const cases: Array<[unknown, number, string]> = [
      [{ ...body, scope: { kind: 'role', role: 'boss' } }, 400, 'scope.role'],
      [{ ...body, metric: 'happiness' }, 400, 'metric'],
      [{ ...body, target: -1 }, 400, 'target'],
      [{ ...body, periodEnd: body.periodStart }, 422, 'periodEnd'],
      [{ ...body, currency: undefined }, 422, 'currency'],
    ];
    for (const [bad, status, field] of cases) {
      const response = await app.request('POST', '/plans', { token: head, body: bad });
      expect({ status: response.status, field: response.body.field }).toEqual({ status, field });
    }
  });

  it('gives a task to the least-loaded sales assistant, who completes it; the requester may cancel another', async () => {
    for (const repId of ['sa-masha', 'sa-sasha']) {
      await app.request('POST', '/team/reps', { token: head, body: { repId, name: repId, role: 'sales-assistant' } });
    }
    await eventually(async () => (await app.request('GET', '/team/reps', { token: head })).body.length >= 2);
    const { dealId } = await handedOffDeal(app);
    const anna = await app.token('hunter', 'h-anna');
    const first = await app.request('POST', '/tasks', { token: anna, body: { kind: 'proposal', dealId, dueAt: '2099-01-10T12:00:00.000Z' } });
    expect(first).toMatchObject({ status: 201, body: { assigneeId: 'sa-masha' } });
    await eventually(async () => {
      const roster = (await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; load: number }>;
      return roster.find((rep) => rep.repId === 'sa-masha')?.load === 1;
    });
    const second = await app.request('POST', '/tasks', { token: anna, body: { kind: 'presentation', dealId, dueAt: '2099-01-11T12:00:00.000Z' } });
    expect(second.body.assigneeId).toBe('sa-sasha');

    const masha = await app.token('sales-assistant', 'sa-masha');
    expect((await app.request('POST', `/tasks/${second.body.taskId}/complete`, { token: masha, body: {} })).body).toMatchObject({ code: 'not-task-assignee' });
    expect((await app.request('POST', `/tasks/${first.body.taskId}/complete`, { token: masha, body: { note: 'КП готово' } })).status).toBe(200);
    expect((await app.request('POST', `/tasks/${second.body.taskId}/cancel`, { token: anna, body: { reason: 'Не нужно' } })).status).toBe(200);
    const done = await app.request('GET', `/tasks/${first.body.taskId}`, { token: anna });
    expect(done.body).toMatchObject({ taskId: first.body.taskId, kind: 'proposal', dealId, requesterId: 'h-anna', assigneeId: 'sa-masha', status: 'completed', completionNote: 'КП готово', revision: 1 });
    expect(done.headers.get('etag')).toBe('"1"');
    expect(done.body.history.map(({ type, by, detail }: { type: string; by: unknown; detail?: unknown }) => ({ type, by, detail }))).toEqual([
      { type: 'AssistantTaskRequested', by: { userId: 'h-anna', role: 'hunter' }, detail: { kind: 'proposal', assigneeId: 'sa-masha', dueAt: '2099-01-10T12:00:00.000Z' } },
      { type: 'AssistantTaskCompleted', by: { userId: 'sa-masha', role: 'sales-assistant' }, detail: undefined },
    ]);
    expect(JSON.stringify(done.body.history)).not.toContain('КП готово');
    expect((await app.request('GET', `/tasks/${second.body.taskId}`, { token: anna })).body).toMatchObject({ status: 'cancelled' });

    const both = await app.request('POST', '/tasks', { token: anna, body: { kind: 'report', dealId, accountId: 'a1', dueAt: '2099-01-10T12:00:00.000Z' } });
    expect(both).toMatchObject({ status: 422, body: { code: 'one-subject' } });
    const badKind = await app.request('POST', '/tasks', { token: anna, body: { kind: 'coffee', dealId, dueAt: '2099-01-10T12:00:00.000Z' } });
    expect(badKind).toMatchObject({ status: 400, body: { field: 'kind' } });
  });
});
