/**
 * Accounts through HTTP on SQLite and PostgreSQL: a won deal opens the client's account with the
 * least-loaded farmer (handoff 3); touchpoints and repeat sales; revenue past the threshold promotes the
 * account to the least-loaded KAM by itself (handoff 4); churn; errors and bad input.
 */
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { wonAccount } from './support/story';
import { eventually } from './support/eventually';

describe.each<StoreKind>(['sqlite', 'postgres'])('account routes on %s', (kind) => {
  let app: TestApp;
  let head: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    head = await app.token('head-of-sales', 'rop-1');
    for (const [repId, name, role] of [
      ['f-fedor', 'Фёдор', 'farmer'],
      ['f-galya', 'Галя', 'farmer'],
      ['kam-kate', 'Катя', 'kam'],
    ] as const) {
      expect((await app.request('POST', '/team/reps', { token: head, body: { repId, name, role } })).status).toBe(201);
    }
    await eventually(async () => (await app.request('GET', '/team/reps', { token: head })).body.length === 3);
  });
  afterAll(() => app.close());

  it('opens the account with the least-loaded farmer, grows it, and promotes it to a KAM past the threshold', async () => {
    const { dealId, accountId } = await wonAccount(app);
    const opened = await app.request('GET', `/accounts/${accountId}`, { token: head });
    expect(opened.body).toMatchObject({
      accountId,
      dealId,
      company: { name: 'ООО «Ромашка»' },
      ownerId: 'f-fedor',
      rule: 'least-loaded',
      key: false,
      revenue: { amount: 470000, currency: 'RUB' },
    });
    const farmer = await app.token('farmer', 'f-fedor');
    expect((await app.request('POST', `/accounts/${accountId}/touchpoints`, { token: farmer, body: { kind: 'qbr', satisfaction: 9, note: 'Жалуются на отчёты' } })).status).toBe(201);
    const sale = await app.request('POST', `/accounts/${accountId}/repeat-sales`, { token: farmer, body: { kind: 'upsell', estimatedValue: { amount: 600000, currency: 'RUB' } } });
    expect(sale.status).toBe(201);
    expect((await app.request('POST', `/accounts/${accountId}/repeat-sales/${sale.body.repeatSaleId}/win`, { token: farmer, body: { amount: { amount: 600000, currency: 'RUB' } } })).status).toBe(200);

    // 470k + 600k passes the 1M threshold: the account moves to the KAM by itself.
    await eventually(async () => (await app.request('GET', `/accounts/${accountId}`, { token: head })).body.key === true);
    const promoted = await app.request('GET', `/accounts/${accountId}`, { token: head });
    expect(promoted.body).toMatchObject({ key: true, ownerId: 'kam-kate', revenue: { amount: 1070000, currency: 'RUB' } });
    expect(promoted.headers.get('etag')).toBe('"4"');
    // The page's history, line by line; the touchpoint's note is on the touchpoint, never in the history.
    const by = (userId: string, role: string) => ({ userId, role });
    const saleId = sale.body.repeatSaleId as string;
    expect(promoted.body.history.map(({ at, ...line }: { at: string }) => (expect(Date.parse(at)).not.toBeNaN(), line))).toEqual([
      {
        revision: 0,
        type: 'AccountOpened',
        by: by('account-management.handoff', 'service'),
        detail: { dealId, rule: 'least-loaded', farmerId: 'f-fedor', amount: 470000, currency: 'RUB' },
      },
      { revision: 1, type: 'TouchpointLogged', by: by('f-fedor', 'farmer'), detail: { kind: 'qbr', satisfaction: 9 } },
      { revision: 2, type: 'RepeatSaleOpened', by: by('f-fedor', 'farmer'), detail: { repeatSaleId: saleId, kind: 'upsell', amount: 600000, currency: 'RUB' } },
      { revision: 3, type: 'RepeatSaleWon', by: by('f-fedor', 'farmer'), detail: { repeatSaleId: saleId, amount: 600000, currency: 'RUB' } },
      { revision: 4, type: 'AccountPromotedToKey', by: by('account-management.key-accounts', 'service'), detail: { kamId: 'kam-kate', reason: 'revenue-threshold', rule: 'least-loaded' } },
    ]);
    expect(promoted.body.touchpoints[0].note).toBe('Жалуются на отчёты');
    expect(JSON.stringify(promoted.body.history)).not.toContain('Жалуются');

    const events = await app.events(`account-${accountId}`);
    expect(events.map((event) => [event.type, event.metadata.actor.userId])).toEqual([
      ['AccountOpened', 'account-management.handoff'],
      ['TouchpointLogged', 'f-fedor'],
      ['RepeatSaleOpened', 'f-fedor'],
      ['RepeatSaleWon', 'f-fedor'],
      ['AccountPromotedToKey', 'account-management.key-accounts'],
    ]);
    const won = (await app.events(`deal-${dealId}`)).find((event) => event.type === 'DealWon')!;
    expect(events[0]!.metadata).toMatchObject({ correlationId: won.metadata.correlationId, causationId: won.eventId });
    expect(events[4]!.metadata.causationId).toBe(events[3]!.eventId);
    expect(events[4]!.data).toMatchObject({ kamId: 'kam-kate', reason: 'revenue-threshold', previousOwnerId: 'f-fedor' });

    // Now the KAM owns it, and the farmer no longer acts on it.
    const refused = await app.request('POST', `/accounts/${accountId}/touchpoints`, { token: farmer, body: { kind: 'check-in' } });
    expect(refused).toMatchObject({ status: 403, body: { code: 'not-account-owner' } });
  });

  it('sends the next account to the farmer with fewer accounts, and records churn', async () => {
    const first = await wonAccount(app);
    const firstOwner = (await app.request('GET', `/accounts/${first.accountId}`, { token: head })).body.ownerId as string;
    await eventually(async () => {
      const roster = (await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; load: number }>;
      return roster.find((rep) => rep.repId === firstOwner)?.load === 1;
    });
    const { accountId } = await wonAccount(app);
    const account = await app.request('GET', `/accounts/${accountId}`, { token: head });
    expect(account.body.ownerId).toBe(firstOwner === 'f-fedor' ? 'f-galya' : 'f-fedor');
    const owner = account.body.ownerId as string;
    const galya = await app.token('farmer', owner);
    expect((await app.request('POST', `/accounts/${accountId}/churn-risk`, { token: galya, body: { level: 'high', reason: 'Не отвечают' } })).status).toBe(200);
    expect((await app.request('POST', `/accounts/${accountId}/churn`, { token: galya, body: { reason: 'Ушли к конкуренту' } })).status).toBe(200);
    const after = await app.request('POST', `/accounts/${accountId}/touchpoints`, { token: galya, body: { kind: 'check-in' } });
    expect(after).toMatchObject({ status: 409, body: { code: 'account-churned' } });
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const { accountId } = await wonAccount(app);
    const cases: Array<[string, unknown, string]> = [
      ['touchpoints', { kind: 'party' }, 'kind'],
      ['touchpoints', { kind: 'qbr', satisfaction: 11 }, 'satisfaction'],
      ['repeat-sales', { kind: 'upsell' }, 'estimatedValue'],
      ['repeat-sales', { kind: 'resale', estimatedValue: { amount: 1, currency: 'RUB' } }, 'kind'],
      ['repeat-sales/r1/win', { amount: { amount: -5, currency: 'RUB' } }, 'amount.amount'],
      ['promote-to-key', { kamId: 'a b' }, 'kamId'],
      ['demote-from-key', { reason: 'x' }, 'farmerId'],
      ['farmer', {}, 'farmerId'],
      ['churn-risk', { level: 'extreme', reason: 'x' }, 'level'],
      ['churn', {}, 'reason'],
    ];
    const before = (await app.events()).length;
    for (const [action, body, field] of cases) {
      const response = await app.request('POST', `/accounts/${accountId}/${action}`, { token: head, body });
      expect({ action, status: response.status, field: response.body.field }).toEqual({ action, status: 400, field });
    }
    expect((await app.events()).length).toBe(before);
    expect((await app.request('GET', '/accounts/no-such-account', { token: head })).status).toBe(404);
    const usd = await app.request('POST', `/accounts/${accountId}/repeat-sales`, { token: head, body: { kind: 'renewal', estimatedValue: { amount: 10, currency: 'USD' } } });
    expect(usd).toMatchObject({ status: 422, body: { code: 'currency-mismatch' } });
  });
});
