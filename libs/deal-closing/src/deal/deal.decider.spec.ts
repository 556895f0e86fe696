import { checkEventData, rub, type DealEvent, type Actor } from '#libs/contracts';
import { given } from '../../../event-sourcing/src/decider-specification';
import { dealDecider, type DealCommand } from './deal.decider';

const service: Actor = { userId: 'handoff', role: 'service' };
const head: Actor = { userId: 'rop-1', role: 'head-of-sales' };
const anna: Actor = { userId: 'h-anna', role: 'hunter' };
const boris: Actor = { userId: 'h-boris', role: 'hunter' };
const kirill: Actor = { userId: 'c-kirill', role: 'closer' };
const now = new Date('2026-04-01T10:00:00.000Z');

const opened: DealEvent = {
  type: 'DealOpened',
  data: { dealId: 'D1', leadId: 'L1', hunterId: 'h-anna', company: { name: 'ООО «Ромашка»' }, contact: { name: 'Иван' }, estimatedValue: rub(450_000) },
};
const meeting = { dealId: 'D1', meetingId: 'M1', scheduledFor: '2026-04-03T09:00:00.000Z', kind: 'discovery' as const };
const scheduled: DealEvent = { type: 'MeetingScheduled', data: meeting };
const held: DealEvent = { type: 'MeetingHeld', data: { dealId: 'D1', meetingId: 'M1', outcome: 'positive' } };
const proposal = { dealId: 'D1', proposalId: 'P1', amount: rub(480_000), validUntil: '2026-05-01T00:00:00.000Z' };
const proposalSent: DealEvent = { type: 'ProposalSent', data: proposal };
const toCloser = { dealId: 'D1', closerId: 'c-kirill', reason: 'Застряли на согласовании цены', rule: 'named' as const, candidates: [], skipped: [] };
const handedToKirill: DealEvent = { type: 'DealHandedOffToCloser', data: { ...toCloser, hunterId: 'h-anna' } };
const lost: DealEvent = { type: 'DealLost', data: { dealId: 'D1', reason: 'competitor', competitor: 'Битрикс24' } };

const open = (by: Actor = service): DealCommand => ({ type: 'OpenDeal', by, deal: opened.data as never });
const schedule = (by: Actor, scheduledFor = meeting.scheduledFor): DealCommand => ({ type: 'ScheduleMeeting', by, at: now, meeting: { ...meeting, scheduledFor } });
const record = (by: Actor, kind: 'held' | 'cancelled' | 'no-show' = 'held', meetingId = 'M1'): DealCommand => ({
  type: 'RecordMeeting',
  by,
  dealId: 'D1',
  meetingId,
  record: kind === 'held' ? { kind, outcome: 'positive' } : kind === 'cancelled' ? { kind, reason: 'Клиент заболел' } : { kind },
});
const stage = (by: Actor, to: 'discovery' | 'proposal' | 'negotiation' | 'contract'): DealCommand => ({ type: 'ChangeDealStage', by, dealId: 'D1', to });
const propose = (by: Actor, amount = 480_000, validUntil = proposal.validUntil): DealCommand => ({
  type: 'SendProposal',
  by,
  at: now,
  proposal: { ...proposal, amount: rub(amount), validUntil },
});
const handToCloser = (by: Actor): DealCommand => ({ type: 'HandOffDealToCloser', by, handoff: toCloser });
const win = (by: Actor, amount = 480_000, closerPercent = 50): DealCommand => ({ type: 'WinDeal', by, dealId: 'D1', amount: rub(amount), closerPercent, accountId: 'A1' });
const lose = (by: Actor): DealCommand => ({ type: 'LoseDeal', by, loss: lost.data as never });
const reassign = (by: Actor, ownerId: string, ownerRole: string): DealCommand => ({ type: 'ReassignDeal', by, dealId: 'D1', ownerId, ownerRole });
const toBoris: DealEvent = { type: 'DealOwnerReassigned', data: { dealId: 'D1', role: 'hunter', ownerId: 'h-boris', previousOwnerId: 'h-anna' } };

describe('Deal decider', () => {
  const emitted: DealEvent[] = [];
  const then = (history: DealEvent[], command: DealCommand, expected: DealEvent[]) => {
    given(dealDecider, history).when(command).then(expected);
    emitted.push(...expected);
  };

  describe('OpenDeal', () => {
    it('opens a deal from a handoff', () => then([], open(), [opened]));
    it('opens nothing more for a redelivered handoff', () => then([opened], open(), []));
    it('refuses a hunter opening a deal by hand', () => given(dealDecider, []).when(open(anna)).thenRejects('forbidden', 'deals-open-from-handoffs'));
  });

  describe('meetings', () => {
    it('schedules a meeting in the future', () => then([opened], schedule(anna), [scheduled]));
    it('refuses a meeting in the past', () => given(dealDecider, [opened]).when(schedule(anna, '2026-03-01T09:00:00.000Z')).thenRejects('rule-broken', 'meeting-in-past', 'scheduledFor'));
    it('refuses the same meeting twice', () => given(dealDecider, [opened, scheduled]).when(schedule(anna)).thenRejects('invalid-transition', 'meeting-exists'));
    it("refuses another hunter's deal", () => given(dealDecider, [opened]).when(schedule(boris)).thenRejects('forbidden', 'not-deal-owner'));
    it('records a meeting held, cancelled or missed', () => {
      then([opened, scheduled], record(anna), [held]);
      then([opened, scheduled], record(anna, 'cancelled'), [{ type: 'MeetingCancelled', data: { dealId: 'D1', meetingId: 'M1', reason: 'Клиент заболел' } }]);
      then([opened, scheduled], record(head, 'no-show'), [{ type: 'MeetingNoShow', data: { dealId: 'D1', meetingId: 'M1' } }]);
    });
    it('refuses an unknown meeting', () => given(dealDecider, [opened]).when(record(anna, 'held', 'M9')).thenRejects('not-found', 'meeting-not-found'));
    it('refuses to record a meeting twice', () => given(dealDecider, [opened, scheduled, held]).when(record(anna, 'no-show')).thenRejects('invalid-transition', 'meeting-not-scheduled'));
  });

  describe('stages and proposals', () => {
    it('moves along the pipeline, and not twice to the same stage', () => {
      then([opened], stage(anna, 'discovery'), [{ type: 'DealStageChanged', data: { dealId: 'D1', from: 'qualification', to: 'discovery' } }]);
      then([opened, { type: 'DealStageChanged', data: { dealId: 'D1', from: 'qualification', to: 'discovery' } }], stage(anna, 'discovery'), []);
    });
    it('reaches negotiation only after a proposal', () => {
      given(dealDecider, [opened]).when(stage(anna, 'negotiation')).thenRejects('rule-broken', 'no-proposal-sent', 'to');
      then([opened, proposalSent], stage(anna, 'negotiation'), [{ type: 'DealStageChanged', data: { dealId: 'D1', from: 'qualification', to: 'negotiation' } }]);
    });
    it('sends a proposal', () => then([opened], propose(anna), [proposalSent]));
    it('refuses a proposal of nothing, or already expired', () => {
      given(dealDecider, [opened]).when(propose(anna, 0)).thenRejects('rule-broken', 'amount-not-positive', 'amount.amount');
      given(dealDecider, [opened]).when(propose(anna, 100, '2026-03-01T00:00:00.000Z')).thenRejects('rule-broken', 'proposal-expired', 'validUntil');
    });
  });

  describe('HandOffDealToCloser', () => {
    it('hands the deal to a closer, naming its hunter', () => then([opened], handToCloser(anna), [handedToKirill]));
    it('then only the closer (or the head of sales) works it', () => {
      given(dealDecider, [opened, handedToKirill]).when(schedule(anna)).thenRejects('forbidden', 'not-deal-owner');
      then([opened, handedToKirill], schedule(kirill), [scheduled]);
    });
    it('refuses a second handoff', () => given(dealDecider, [opened, handedToKirill]).when(handToCloser(head)).thenRejects('invalid-transition', 'deal-with-closer'));
    it("refuses another hunter's deal", () => given(dealDecider, [opened]).when(handToCloser(boris)).thenRejects('forbidden', 'not-deal-owner'));
  });

  describe('ReassignDeal', () => {
    it("gives a deal to another hunter, who works it from then on, and is credited for it", () => {
      then([opened], reassign(head, 'h-boris', 'hunter'), [toBoris]);
      given(dealDecider, [opened, toBoris]).when(schedule(anna)).thenRejects('forbidden', 'not-deal-owner');
      given(dealDecider, [opened, toBoris]).when(schedule(boris)).then([scheduled]);
      given(dealDecider, [opened, toBoris]).when(win(boris)).then([
        { type: 'DealWon', data: { dealId: 'D1', amount: rub(480_000), credit: [{ repId: 'h-boris', role: 'hunter', percent: 100 }], newClient: true, company: { name: 'ООО «Ромашка»' }, contact: { name: 'Иван' }, accountId: 'A1' } },
      ]);
    });
    it('gives a deal a closer has to another closer, the hunter keeping their share', () => {
      const toMaxim: DealEvent = { type: 'DealOwnerReassigned', data: { dealId: 'D1', role: 'closer', ownerId: 'c-maxim', previousOwnerId: 'c-kirill' } };
      then([opened, handedToKirill], reassign(head, 'c-maxim', 'closer'), [toMaxim]);
      given(dealDecider, [opened, handedToKirill, toMaxim]).when(win(kirill)).thenRejects('forbidden', 'not-deal-owner');
    });
    it('refuses anyone but the head of sales, the owner themself, a rep of another role, and a closed deal', () => {
      given(dealDecider, [opened]).when(reassign(anna, 'h-boris', 'hunter')).thenRejects('forbidden', 'only-head-of-sales-reassigns');
      given(dealDecider, [opened]).when(reassign(head, 'h-anna', 'hunter')).thenRejects('rule-broken', 'same-owner', 'ownerId');
      given(dealDecider, [opened]).when(reassign(head, 'c-kirill', 'closer')).thenRejects('rule-broken', 'wrong-role', 'ownerId');
      given(dealDecider, [opened, handedToKirill]).when(reassign(head, 'h-boris', 'hunter')).thenRejects('rule-broken', 'wrong-role', 'ownerId');
      given(dealDecider, [opened, lost]).when(reassign(head, 'h-boris', 'hunter')).thenRejects('invalid-transition', 'deal-lost');
    });
  });

  describe('WinDeal and LoseDeal', () => {
    it("credits the hunter alone on the hunter's own win", () =>
      then([opened, proposalSent], win(anna), [
        { type: 'DealWon', data: { dealId: 'D1', amount: rub(480_000), credit: [{ repId: 'h-anna', role: 'hunter', percent: 100 }], newClient: true, company: { name: 'ООО «Ромашка»' }, contact: { name: 'Иван' }, accountId: 'A1' } },
      ]));
    it("shares the credit on a closer's win", () =>
      then([opened, handedToKirill], win(kirill, 480_000, 40), [
        {
          type: 'DealWon',
          data: {
            dealId: 'D1',
            amount: rub(480_000),
            credit: [
              { repId: 'h-anna', role: 'hunter', percent: 60 },
              { repId: 'c-kirill', role: 'closer', percent: 40 },
            ],
            newClient: true,
            company: { name: 'ООО «Ромашка»' },
            contact: { name: 'Иван' },
            accountId: 'A1',
          },
        },
      ]));
    it('refuses a win of nothing, or a split beyond 100', () => {
      given(dealDecider, [opened]).when(win(anna, 0)).thenRejects('rule-broken', 'amount-not-positive', 'amount.amount');
      given(dealDecider, [opened, handedToKirill]).when(win(kirill, 100, 120)).thenRejects('rule-broken', 'bad-credit-split', 'closerPercent');
    });
    it('loses a deal with its reason', () => then([opened], lose(anna), [lost]));
    it('never wins a lost deal, nor loses a won one', () => {
      given(dealDecider, [opened, lost]).when(win(anna)).thenRejects('invalid-transition', 'deal-lost');
      const won: DealEvent = {
        type: 'DealWon',
        data: { dealId: 'D1', amount: rub(1), credit: [{ repId: 'h-anna', role: 'hunter', percent: 100 }], newClient: true, company: { name: 'X' }, contact: {}, accountId: 'A1' },
      };
      given(dealDecider, [opened, won]).when(lose(anna)).thenRejects('invalid-transition', 'deal-won');
      given(dealDecider, [opened, won]).when(schedule(anna)).thenRejects('invalid-transition', 'deal-won');
    });
    it('refuses an unknown deal', () => given(dealDecider, []).when(win(anna)).thenRejects('not-found', 'deal-not-found'));
  });

  afterAll(() => {
    expect(emitted.length).toBeGreaterThan(10);
    for (const event of emitted) expect(() => checkEventData(event.type, event.data)).not.toThrow();
  });
});
