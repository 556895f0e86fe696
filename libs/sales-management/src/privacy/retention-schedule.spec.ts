import { RetentionSchedule } from './retention-schedule';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

describe('RetentionSchedule', () => {
  it('makes a disqualified lead and a churned account due that many days later, oldest first', () => {
    const schedule = new RetentionSchedule();
    schedule.apply({ type: 'AccountChurned', data: { accountId: 'A1', reason: 'x' }, occurredAt: day(3) });
    schedule.apply({ type: 'LeadDisqualified', data: { leadId: 'L1', reason: 'no-budget' }, occurredAt: day(1) });
    schedule.apply({ type: 'LeadDisqualified', data: { leadId: 'L2', reason: 'no-need' }, occurredAt: day(10) });
    expect(schedule.due(day(30), 30)).toEqual([]);
    expect(schedule.due(day(31), 30)).toEqual([{ ownerId: 'lead-L1', rule: 'disqualified-lead', since: day(1) }]);
    expect(schedule.due(day(40), 30).map((due) => due.ownerId)).toEqual(['lead-L1', 'account-A1', 'lead-L2']);
  });

  it('forgets what was erased, by a request or by an earlier run', () => {
    const schedule = new RetentionSchedule();
    schedule.apply({ type: 'LeadDisqualified', data: { leadId: 'L1', reason: 'no-budget' }, occurredAt: day(1) });
    schedule.apply({ type: 'LeadDisqualified', data: { leadId: 'L2', reason: 'no-budget' }, occurredAt: day(1) });
    schedule.apply({ type: 'AccountChurned', data: { accountId: 'A1', reason: 'x' }, occurredAt: day(1) });
    schedule.apply({ type: 'PersonalDataErased', data: { subjectId: 'lead-L1', reason: 'data-subject-request' }, occurredAt: day(2) });
    schedule.done('account-A1');
    expect(schedule.due(day(100), 1).map((due) => due.ownerId)).toEqual(['lead-L2']);
    expect(schedule.size).toBe(1);
  });
});
