/**
 * Deals through HTTP on the all-in-one app, on SQLite and PostgreSQL: a handed-off lead opens its deal by
 * itself (handoff 1), then meetings, stages, a proposal, handoff 2 to a closer and the win, with the
 * causation chain read back from the store; domain errors and bad input per route.
 */
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { eventually } from './support/eventually';
import { handedOffDeal } from './support/story';

describe.each<StoreKind>(['sqlite', 'postgres'])('deal routes on %s', (kind) => {
  let app: TestApp;
  let head: string;
  let anna: string;
  let boris: string;
  let kirill: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    head = await app.token('head-of-sales', 'rop-1');
    anna = await app.token('hunter', 'h-anna');
    boris = await app.token('hunter', 'h-boris');
    kirill = await app.token('closer', 'c-kirill');
  });
  afterAll(() => app.close());

  it('takes a handed-off lead through meetings, a proposal and a closer to a win', async () => {
    const { leadId, dealId, correlationId } = await handedOffDeal(app);
    const opened = await app.request('GET', `/deals/${dealId}`, { token: anna });
    expect(opened.body).toMatchObject({ dealId, leadId, hunterId: 'h-anna', status: 'open', stage: 'qualification', company: { name: 'ООО «Ромашка»' } });

    const meeting = await app.request('POST', `/deals/${dealId}/meetings`, { token: anna, body: { scheduledFor: '2099-01-15T09:00:00.000Z', kind: 'discovery' } });
    expect(meeting.status).toBe(201);
    const { meetingId } = meeting.body;
    expect((await app.request('POST', `/deals/${dealId}/meetings/${meetingId}/held`, { token: anna, body: { outcome: 'positive', notes: 'Директор просил демо' } })).status).toBe(200);
    expect((await app.request('POST', `/deals/${dealId}/stage`, { token: anna, body: { stage: 'discovery' } })).status).toBe(200);
    const proposal = await app.request('POST', `/deals/${dealId}/proposals`, { token: anna, body: { amount: { amount: 480000, currency: 'RUB' }, validUntil: '2099-02-01T00:00:00.000Z' } });
    expect(proposal.status).toBe(201);
    expect((await app.request('POST', `/deals/${dealId}/stage`, { token: anna, body: { stage: 'negotiation' } })).status).toBe(200);
    const handoff = await app.request('POST', `/deals/${dealId}/hand-off-to-closer`, { token: anna, body: { closerId: 'c-kirill', reason: 'Застряли на цене' } });
    expect(handoff).toMatchObject({ status: 200, body: { closerId: 'c-kirill' } });
    const won = await app.request('POST', `/deals/${dealId}/win`, { token: kirill, body: { amount: { amount: 470000, currency: 'RUB' }, closerPercent: 40 } });
    expect(won.status).toBe(200);
    expect(won.body.accountId).toMatch(/^[0-9a-f-]{36}$/);

    const view = await app.request('GET', `/deals/${dealId}`, { token: head });
    expect(view.body).toMatchObject({
      status: 'won',
      stage: 'negotiation',
      closerId: 'c-kirill',
      meetings: [{ meetingId, status: 'held', outcome: 'positive' }],
      proposals: [{ proposalId: proposal.body.proposalId, amount: { amount: 480000, currency: 'RUB' } }],
      won: {
        amount: { amount: 470000, currency: 'RUB' },
        credit: [
          { repId: 'h-anna', role: 'hunter', percent: 60 },
          { repId: 'c-kirill', role: 'closer', percent: 40 },
        ],
        accountId: won.body.accountId,
      },
    });

    // The page's history, line by line: who did what, when, with what a reader needs besides the type.
    expect(view.headers.get('etag')).toBe('"7"');
    const by = (userId: string, role: string) => ({ userId, role });
    expect(view.body.history.map(({ at, ...line }: { at: string }) => (expect(Date.parse(at)).not.toBeNaN(), line))).toEqual([
      { revision: 0, type: 'DealOpened', by: by('deal-closing.handoff', 'service'), detail: { leadId, hunterId: 'h-anna' } },
      { revision: 1, type: 'MeetingScheduled', by: by('h-anna', 'hunter'), detail: { meetingId, kind: 'discovery', scheduledFor: '2099-01-15T09:00:00.000Z' } },
      { revision: 2, type: 'MeetingHeld', by: by('h-anna', 'hunter'), detail: { meetingId, outcome: 'positive' } },
      { revision: 3, type: 'DealStageChanged', by: by('h-anna', 'hunter'), detail: { from: 'qualification', to: 'discovery' } },
      {
        revision: 4,
        type: 'ProposalSent',
        by: by('h-anna', 'hunter'),
        detail: { proposalId: proposal.body.proposalId, amount: 480000, currency: 'RUB', validUntil: '2099-02-01T00:00:00.000Z' },
      },
      { revision: 5, type: 'DealStageChanged', by: by('h-anna', 'hunter'), detail: { from: 'discovery', to: 'negotiation' } },
      { revision: 6, type: 'DealHandedOffToCloser', by: by('h-anna', 'hunter'), detail: { rule: 'named', closerId: 'c-kirill' } },
      { revision: 7, type: 'DealWon', by: by('c-kirill', 'closer'), detail: { amount: 470000, currency: 'RUB', accountId: won.body.accountId } },
    ]);
    // The meeting's notes are on the meeting, never in the history a page lists.
    expect(view.body.meetings[0].notes).toBe('Директор просил демо');
    expect(JSON.stringify(view.body.history)).not.toContain('Директор');

    // The stored history: types, actors, and the causation chain across the handoff.
    const lead = await app.events(`lead-${leadId}`);
    const deal = await app.events(`deal-${dealId}`);
    const handedOff = lead.find((event) => event.type === 'LeadHandedOff')!;
    expect(handedOff.metadata.correlationId).toBe(correlationId);
    expect(deal.map((event) => [event.type, event.metadata.actor.userId])).toEqual([
      ['DealOpened', 'deal-closing.handoff'],
      ['MeetingScheduled', 'h-anna'],
      ['MeetingHeld', 'h-anna'],
      ['DealStageChanged', 'h-anna'],
      ['ProposalSent', 'h-anna'],
      ['DealStageChanged', 'h-anna'],
      ['DealHandedOffToCloser', 'h-anna'],
      ['DealWon', 'c-kirill'],
    ]);
    expect(deal[0]!.metadata).toMatchObject({ correlationId, causationId: handedOff.eventId, actor: { role: 'service' } });
  });

  it('maps deal rejections to 403, 404, 409 and 422, writing nothing', async () => {
    const { dealId } = await handedOffDeal(app);
    const before = (await app.events(`deal-${dealId}`)).length;
    const cases: Array<[string, string, string, unknown, number, string]> = [
      [boris, 'POST', `/deals/${dealId}/stage`, { stage: 'discovery' }, 403, 'not-deal-owner'],
      [head, 'GET', '/deals/no-such-deal', undefined, 404, 'deal-not-found'],
      [anna, 'POST', `/deals/${dealId}/meetings/nope/held`, { outcome: 'neutral' }, 404, 'meeting-not-found'],
      [anna, 'POST', `/deals/${dealId}/stage`, { stage: 'contract' }, 422, 'no-proposal-sent'],
      [anna, 'POST', `/deals/${dealId}/meetings`, { scheduledFor: '2020-01-01T00:00:00.000Z', kind: 'demo' }, 422, 'meeting-in-past'],
      [anna, 'POST', `/deals/${dealId}/win`, { amount: { amount: 0, currency: 'RUB' } }, 422, 'amount-not-positive'],
    ];
    for (const [token, method, path, body, status, code] of cases) {
      const response = await app.request(method, path, { token, body });
      expect({ path, status: response.status, code: response.body?.code }).toEqual({ path, status, code });
    }
    expect(await app.events(`deal-${dealId}`)).toHaveLength(before);
    expect((await app.request('POST', `/deals/${dealId}/lose`, { token: anna, body: { reason: 'competitor', competitor: 'Битрикс24' } })).status).toBe(200);
    const afterLoss = await app.request('POST', `/deals/${dealId}/win`, { token: anna, body: { amount: { amount: 1, currency: 'RUB' } } });
    expect(afterLoss).toMatchObject({ status: 409, body: { code: 'deal-lost' } });
  });

  it('lets the head of sales give a deal to another hunter: the queue, the load and the credit follow', async () => {
    for (const [repId, name, role] of [
      ['h-anna', 'Анна', 'hunter'],
      ['h-boris', 'Борис', 'hunter'],
      ['f-fedor', 'Фёдор', 'farmer'],
    ] as const) {
      const joined = await app.request('POST', '/team/reps', { token: head, body: { repId, name, role } });
      expect([201, 409]).toContain(joined.status);
    }
    await eventually(async () => (await app.request('GET', '/team/reps', { token: head })).body.length >= 3);
    const { dealId } = await handedOffDeal(app);
    const load = async (repId: string) => ((await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; load: number }>).find((rep) => rep.repId === repId)!.load;
    await eventually(async () => (await load('h-anna')) >= 1);
    const [annaBefore, borisBefore] = [await load('h-anna'), await load('h-boris')];
    const queued = async (role: string, repId: string) =>
      ((await app.request('GET', `/queues/${role}/${repId}?limit=500`, { token: head })).body.items as Array<{ id: string }>).some((item) => item.id === dealId);
    await eventually(() => queued('hunter', 'h-anna'));

    // Refused, writing nothing: by a hunter (the matrix), to the owner themself, to a farmer, to nobody known, or badly named.
    const before = (await app.events(`deal-${dealId}`)).length;
    const refusals: Array<[string, unknown, number, string, string | undefined]> = [
      [anna, { ownerId: 'h-boris' }, 403, 'role-not-allowed', undefined],
      [head, { ownerId: 'h-anna' }, 422, 'same-owner', 'ownerId'],
      [head, { ownerId: 'f-fedor' }, 422, 'wrong-role', 'ownerId'],
      [head, { ownerId: 'h-nobody' }, 422, 'unknown-rep', 'ownerId'],
      [head, { ownerId: 'Борис!' }, 400, 'invalid-request', 'ownerId'],
      [head, {}, 400, 'invalid-request', 'ownerId'],
    ];
    for (const [token, body, status, code, field] of refusals) {
      const response = await app.request('POST', `/deals/${dealId}/owner`, { token, body });
      expect({ body, status: response.status, code: response.body.code, field: response.body.field }).toEqual({ body, status, code, field });
    }
    expect(await app.events(`deal-${dealId}`)).toHaveLength(before);

    const reassigned = await app.request('POST', `/deals/${dealId}/owner`, { token: head, body: { ownerId: 'h-boris' } });
    expect(reassigned).toMatchObject({ status: 200, body: { dealId, revision: before } });
    expect((await app.events(`deal-${dealId}`)).at(-1)).toMatchObject({
      type: 'DealOwnerReassigned',
      data: { dealId, role: 'hunter', ownerId: 'h-boris', previousOwnerId: 'h-anna' },
      metadata: { actor: { userId: 'rop-1', role: 'head-of-sales' } },
    });
    const view = await app.request('GET', `/deals/${dealId}`, { token: head });
    expect(view.body).toMatchObject({ hunterId: 'h-boris' });
    expect(view.body.history.at(-1)).toMatchObject({ type: 'DealOwnerReassigned', detail: { role: 'hunter', ownerId: 'h-boris', previousOwnerId: 'h-anna' } });
    // The deal moved queues, and the load with it.
    await eventually(async () => (await queued('hunter', 'h-boris')) && !(await queued('hunter', 'h-anna')), { what: 'the deal in Boris\'s queue only' });
    await eventually(async () => (await load('h-boris')) === borisBefore + 1 && (await load('h-anna')) === annaBefore - 1, { what: 'the load to move' });
    // Anna works it no more; Boris wins it and is credited.
    expect((await app.request('POST', `/deals/${dealId}/stage`, { token: anna, body: { stage: 'discovery' } })).body.code).toBe('not-deal-owner');
    const won = await app.request('POST', `/deals/${dealId}/win`, { token: boris, body: { amount: { amount: 300000, currency: 'RUB' } } });
    expect(won.status).toBe(200);
    expect((await app.events(`deal-${dealId}`)).at(-1)!.data).toMatchObject({ credit: [{ repId: 'h-boris', role: 'hunter', percent: 100 }] });
  });

  describe('bad input gets 400 naming the field, and writes nothing', () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['a meeting without a time', 'meetings', { kind: 'demo' }, 'scheduledFor'],
      ['a meeting of an unknown kind', 'meetings', { scheduledFor: '2099-01-01T00:00:00.000Z', kind: 'party' }, 'kind'],
      ['an unknown stage', 'stage', { stage: 'closed' }, 'stage'],
      ['a proposal without an amount', 'proposals', { validUntil: '2099-01-01T00:00:00.000Z' }, 'amount'],
      ['a proposal in a bad currency', 'proposals', { amount: { amount: 1, currency: 'rub' }, validUntil: '2099-01-01T00:00:00.000Z' }, 'amount.currency'],
      ['a handoff without a reason', 'hand-off-to-closer', { closerId: 'c-kirill' }, 'reason'],
      ['a win with a split over 100', 'win', { amount: { amount: 1, currency: 'RUB' }, closerPercent: 140 }, 'closerPercent'],
      ['a loss for an unknown reason', 'lose', { reason: 'mood' }, 'reason'],
      ['an outcome nobody knows', 'meetings/m1/held', { outcome: 'great' }, 'outcome'],
      ['a cancellation without a reason', 'meetings/m1/cancel', {}, 'reason'],
      ['a no-show with a body', 'meetings/m1/no-show', { late: true }, 'late'],
    ];
    let dealId: string;
    beforeAll(async () => {
      ({ dealId } = await handedOffDeal(app));
    });

    it.each(cases)('%s', async (_, action, body, field) => {
      const before = (await app.events()).length;
      const response = await app.request('POST', `/deals/${dealId}/${action}`, { token: anna, body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid-request', field });
      expect((await app.events()).length).toBe(before);
    });
  });
});
