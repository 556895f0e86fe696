import { checkEventData, rub, type AccountEvent, type Actor } from '#libs/contracts';
import { given } from '../../../event-sourcing/src/decider-specification';
import { accountDecider, type AccountCommand } from './account.decider';

const service: Actor = { userId: 'account-management.handoff', role: 'service' };
const head: Actor = { userId: 'rop-1', role: 'head-of-sales' };
const fedor: Actor = { userId: 'f-fedor', role: 'farmer' };
const galya: Actor = { userId: 'f-galya', role: 'farmer' };
const kate: Actor = { userId: 'kam-kate', role: 'kam' };

const opened: AccountEvent = {
  type: 'AccountOpened',
  data: {
    accountId: 'A1',
    dealId: 'D1',
    company: { name: 'ООО «Ромашка»' },
    contact: { name: 'Иван' },
    farmerId: 'f-fedor',
    openingRevenue: rub(470_000),
    rule: 'least-loaded',
    candidates: [{ repId: 'f-fedor', load: 0 }],
    skipped: [],
  },
};
const saleOpened: AccountEvent = { type: 'RepeatSaleOpened', data: { accountId: 'A1', repeatSaleId: 'R1', kind: 'upsell', estimatedValue: rub(600_000) } };
const saleWon: AccountEvent = { type: 'RepeatSaleWon', data: { accountId: 'A1', repeatSaleId: 'R1', amount: rub(600_000), ownerId: 'f-fedor' } };
const promotion = { accountId: 'A1', kamId: 'kam-kate', rule: 'least-loaded' as const, candidates: [{ repId: 'kam-kate', load: 1 }], skipped: [] };
const promoted: AccountEvent = {
  type: 'AccountPromotedToKey',
  data: { ...promotion, reason: 'revenue-threshold', revenue: rub(1_070_000), previousOwnerId: 'f-fedor' },
};
const churned: AccountEvent = { type: 'AccountChurned', data: { accountId: 'A1', reason: 'Ушли к конкуренту' } };

const touch = (by: Actor): AccountCommand => ({ type: 'LogTouchpoint', by, touchpoint: { accountId: 'A1', touchpointId: 'T1', kind: 'qbr', satisfaction: 8 } });
const openSale = (by: Actor, amount = 600_000, currency = 'RUB'): AccountCommand => ({
  type: 'OpenRepeatSale',
  by,
  repeatSale: { accountId: 'A1', repeatSaleId: 'R1', kind: 'upsell', estimatedValue: { amount, currency } },
});
const winSale = (by: Actor, amount = 600_000): AccountCommand => ({ type: 'CloseRepeatSale', by, accountId: 'A1', repeatSaleId: 'R1', outcome: { won: true, amount: rub(amount) } });
const loseSale = (by: Actor): AccountCommand => ({ type: 'CloseRepeatSale', by, accountId: 'A1', repeatSaleId: 'R1', outcome: { won: false, reason: 'Бюджет урезали' } });
const promoteIfOver = (threshold: number): AccountCommand => ({ type: 'PromoteAccountIfOverThreshold', by: service, threshold, promotion });

describe('Account decider', () => {
  const emitted: AccountEvent[] = [];
  const then = (history: AccountEvent[], command: AccountCommand, expected: AccountEvent[]) => {
    given(accountDecider, history).when(command).then(expected);
    emitted.push(...expected);
  };

  it('opens once from a won deal, and never by a farmer', () => {
    then([], { type: 'OpenAccount', by: service, account: opened.data as never }, [opened]);
    then([opened], { type: 'OpenAccount', by: service, account: opened.data as never }, []);
    given(accountDecider, []).when({ type: 'OpenAccount', by: fedor, account: opened.data as never }).thenRejects('forbidden', 'accounts-open-from-won-deals');
  });

  it('logs touchpoints by the owner only', () => {
    then([opened], touch(fedor), [{ type: 'TouchpointLogged', data: { accountId: 'A1', touchpointId: 'T1', kind: 'qbr', satisfaction: 8 } }]);
    given(accountDecider, [opened]).when(touch(galya)).thenRejects('forbidden', 'not-account-owner');
    given(accountDecider, []).when(touch(fedor)).thenRejects('not-found', 'account-not-found');
  });

  it('opens, wins and loses repeat sales, in the account currency, never below zero', () => {
    then([opened], openSale(fedor), [saleOpened]);
    then([opened, saleOpened], winSale(fedor), [saleWon]);
    then([opened, saleOpened], loseSale(head), [{ type: 'RepeatSaleLost', data: { accountId: 'A1', repeatSaleId: 'R1', reason: 'Бюджет урезали' } }]);
    given(accountDecider, [opened]).when(openSale(fedor, 0)).thenRejects('rule-broken', 'amount-not-positive', 'estimatedValue.amount');
    given(accountDecider, [opened]).when(openSale(fedor, 10, 'USD')).thenRejects('rule-broken', 'currency-mismatch', 'estimatedValue.currency');
    given(accountDecider, [opened, saleOpened]).when(openSale(fedor)).thenRejects('invalid-transition', 'repeat-sale-exists');
    given(accountDecider, [opened, saleOpened, saleWon]).when(loseSale(fedor)).thenRejects('invalid-transition', 'repeat-sale-won');
    given(accountDecider, [opened]).when(winSale(fedor)).thenRejects('not-found', 'repeat-sale-not-found');
  });

  it('promotes past the revenue threshold only, once, and hands the account to the KAM', () => {
    given(accountDecider, [opened]).when(promoteIfOver(1_000_000)).then([]);
    then([opened, saleOpened, saleWon], promoteIfOver(1_000_000), [promoted]);
    then([opened, saleOpened, saleWon, promoted], promoteIfOver(1_000_000), []);
    // After the promotion the KAM owns it, not the farmer.
    then([opened, promoted], touch(kate), [{ type: 'TouchpointLogged', data: { accountId: 'A1', touchpointId: 'T1', kind: 'qbr', satisfaction: 8 } }]);
    given(accountDecider, [opened, promoted]).when(touch(fedor)).thenRejects('forbidden', 'not-account-owner');
  });

  it('lets the head of sales promote, demote and reassign', () => {
    then([opened], { type: 'PromoteAccountToKey', by: head, promotion }, [
      { type: 'AccountPromotedToKey', data: { ...promotion, reason: 'head-of-sales', revenue: rub(470_000), previousOwnerId: 'f-fedor' } },
    ]);
    given(accountDecider, [opened]).when({ type: 'PromoteAccountToKey', by: fedor, promotion }).thenRejects('forbidden', 'only-head-of-sales-promotes');
    given(accountDecider, [opened, promoted]).when({ type: 'PromoteAccountToKey', by: head, promotion }).thenRejects('invalid-transition', 'already-key');
    then([opened, promoted], { type: 'DemoteAccountFromKey', by: head, accountId: 'A1', farmerId: 'f-galya', reason: 'Выручка упала' }, [
      { type: 'AccountDemotedFromKey', data: { accountId: 'A1', farmerId: 'f-galya', previousOwnerId: 'kam-kate', reason: 'Выручка упала' } },
    ]);
    given(accountDecider, [opened]).when({ type: 'DemoteAccountFromKey', by: head, accountId: 'A1', farmerId: 'f-galya', reason: 'x' }).thenRejects('invalid-transition', 'not-key');
    then([opened], { type: 'AssignFarmer', by: head, accountId: 'A1', farmerId: 'f-galya' }, [
      { type: 'FarmerAssigned', data: { accountId: 'A1', farmerId: 'f-galya', previousOwnerId: 'f-fedor' } },
    ]);
    given(accountDecider, [opened, promoted]).when({ type: 'AssignFarmer', by: head, accountId: 'A1', farmerId: 'f-galya' }).thenRejects('invalid-transition', 'key-account');
  });

  it('flags churn risk, records churn only with no repeat sale open, and then nothing more happens', () => {
    then([opened], { type: 'FlagChurnRisk', by: fedor, accountId: 'A1', level: 'high', reason: 'Не отвечают' }, [
      { type: 'ChurnRiskFlagged', data: { accountId: 'A1', level: 'high', reason: 'Не отвечают' } },
    ]);
    given(accountDecider, [opened, saleOpened]).when({ type: 'RecordChurn', by: fedor, accountId: 'A1', reason: 'x' }).thenRejects('invalid-transition', 'open-repeat-sales');
    then([opened], { type: 'RecordChurn', by: fedor, accountId: 'A1', reason: 'Ушли к конкуренту' }, [churned]);
    given(accountDecider, [opened, churned]).when(touch(fedor)).thenRejects('invalid-transition', 'account-churned');
    given(accountDecider, [opened, churned]).when(promoteIfOver(1)).then([]);
  });

  afterAll(() => {
    expect(emitted.length).toBeGreaterThan(8);
    for (const event of emitted) expect(() => checkEventData(event.type, event.data)).not.toThrow();
  });
});
