/** The facts of version 3 and 4, given events then documents: no names, stages and proposals of deals, availability. */
import { RUB, at, given, kpiStory, then } from '../testing/kpi-story';
import type { AccountFact, DealFact, LeadFact, RepFact } from './kpi-facts.projection';

const story = kpiStory();

describe('kpi-facts v4', () => {
  it('keeps the estimated value of a lead until its deal holds it, and no name: neither its contact nor its company', () => {
    const captured = given(story.lead('L1', '2026-03-02T10:00:00Z', { value: 50 }));
    expect(captured.get<LeadFact>('leads', 'L1')).toMatchObject({ estimatedValue: undefined });
    const facts = given(story.lead('L1', '2026-03-02T10:00:00Z', { value: 50 }), story.qualify('L1', '2026-03-03T10:00:00Z', 70));
    expect(facts.get<LeadFact>('leads', 'L1')).toMatchObject({ estimatedValue: RUB(70) });
    const text = JSON.stringify(facts.snapshot());
    for (const name of ['Иван Петров', 'ivan@example.ru', '+7 900', 'ООО L1']) expect(text).not.toContain(name);
    const handedOff = given(story.lead('L1', '2026-03-02T10:00:00Z', { value: 50 }), story.handOff('L1', 'D1', '2026-03-03T10:00:00Z', { value: 50 }));
    expect(handedOff.get<LeadFact>('leads', 'L1')).toMatchObject({ dealId: 'D1', estimatedValue: undefined });
    expect(handedOff.get<DealFact>('deals', 'D1')).toMatchObject({ estimatedValue: RUB(50) });
  });

  it('records when a deal first reached each stage, and every proposal in order once there are two', () => {
    const facts = given(
      story.lead('L1', '2026-03-01T09:00:00Z'),
      story.handOff('L1', 'D1', '2026-03-02T10:00:00Z'),
      story.stage('D1', 'qualification', 'discovery', '2026-03-03T10:00:00Z'),
      story.stage('D1', 'discovery', 'proposal', '2026-03-04T10:00:00Z'),
      story.stage('D1', 'proposal', 'discovery', '2026-03-05T10:00:00Z'),
      story.stage('D1', 'discovery', 'proposal', '2026-03-06T10:00:00Z'),
      story.proposal('D1', 200, '2026-03-04T11:00:00Z'),
    );
    expect(facts.get<DealFact>('deals', 'D1')).toMatchObject({ proposalSentAt: at('2026-03-04T11:00:00Z'), proposalAmount: RUB(200), proposals: undefined });
    then(facts, story.proposal('D1', 180, '2026-03-07T11:00:00Z'));
    const deal = facts.get<DealFact>('deals', 'D1')!;
    expect(deal.leadCapturedAt).toBe(at('2026-03-01T09:00:00Z'));
    expect(deal.stageReachedAt).toEqual({
      qualification: at('2026-03-02T10:00:00Z'),
      discovery: at('2026-03-03T10:00:00Z'),
      proposal: at('2026-03-04T10:00:00Z'),
    });
    expect(deal.proposals).toEqual([{ at: at('2026-03-04T11:00:00Z'), amount: RUB(200) }, { at: at('2026-03-07T11:00:00Z'), amount: RUB(180) }]);
    expect(deal.proposalAmount).toEqual(RUB(180));
  });

  it('follows a rep\'s availability', () => {
    const joined = given(story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z'));
    expect(joined.get<RepFact>('reps', 'h-1')).toMatchObject({ available: true, absentUntil: undefined });
    const absent = given(story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z'), story.absent('h-1', '2026-03-10T00:00:00.000Z', '2026-03-01T09:00:00Z'));
    expect(absent.get<RepFact>('reps', 'h-1')).toMatchObject({ available: false, absentUntil: at('2026-03-10T00:00:00Z') });
    const back = given(
      story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z'),
      story.absent('h-1', '2026-03-10T00:00:00.000Z', '2026-03-01T09:00:00Z'),
      story.back('h-1', '2026-03-08T09:00:00Z'),
    );
    expect(back.get<RepFact>('reps', 'h-1')).toMatchObject({ available: true, absentUntil: undefined });
  });

  it('keeps who owned an account from when, once its owner changes', () => {
    const facts = given(story.account('A1', 'D1', 'f-1', 1000, '2026-03-01T09:00:00Z'));
    expect(facts.get<AccountFact>('accounts', 'A1')).toMatchObject({ ownerId: 'f-1', owners: undefined });
    then(facts, story.promoted('A1', 'kam-1', '2026-04-01T09:00:00Z'));
    expect(facts.get<AccountFact>('accounts', 'A1')).toMatchObject({
      ownerId: 'kam-1', key: true,
      owners: [{ from: at('2026-03-01T09:00:00Z'), repId: 'f-1' }, { from: at('2026-04-01T09:00:00Z'), repId: 'kam-1' }],
    });
  });
});
