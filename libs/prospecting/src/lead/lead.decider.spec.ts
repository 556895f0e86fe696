import { checkEventData, rub, type LeadEvent, type Actor } from '#libs/contracts';
import { given } from '../../../event-sourcing/src/decider-specification';
import { leadDecider, type LeadCommand } from './lead.decider';

const head: Actor = { userId: 'rop-1', role: 'head-of-sales' };
const routing: Actor = { userId: 'routing', role: 'service' };
const ivan: Actor = { userId: 'lg-ivan', role: 'lead-generator' };
const olga: Actor = { userId: 'lg-olga', role: 'lead-generator' };
const hunter: Actor = { userId: 'h-anna', role: 'hunter' };
const now = new Date('2026-04-01T10:00:00.000Z');

const captured: LeadEvent = {
  type: 'LeadCaptured',
  data: { leadId: 'L1', company: { name: 'ООО «Ромашка»', taxId: '7707083893' }, contact: { name: 'Иван' }, source: 'manual' },
};
const assignedToIvan: LeadEvent = {
  type: 'LeadAssigned',
  data: { leadId: 'L1', leadGeneratorId: 'lg-ivan', rule: 'round-robin', candidates: [{ repId: 'lg-ivan', load: 3 }], skipped: [] },
};
const reached: LeadEvent = {
  type: 'LeadContactAttempted',
  data: { leadId: 'L1', attemptNumber: 1, channel: 'call', outcome: 'reached' },
};
const qualification = { leadId: 'L1', budget: rub(500_000), authority: 'CEO', need: 'CRM', timing: 'Q3', estimatedValue: rub(450_000) };
const qualified: LeadEvent = { type: 'LeadQualified', data: qualification };
const disqualified: LeadEvent = { type: 'LeadDisqualified', data: { leadId: 'L1', reason: 'no-budget' } };
const handoff = { leadId: 'L1', hunterId: 'h-anna', dealId: 'D1', rule: 'least-loaded' as const, candidates: [{ repId: 'h-anna', load: 2 }], skipped: [] };
const handedOff: LeadEvent = {
  type: 'LeadHandedOff',
  data: { ...handoff, company: { name: 'ООО «Ромашка»', taxId: '7707083893' }, contact: { name: 'Иван' }, estimatedValue: rub(450_000) },
};

const capture: LeadCommand = { type: 'CaptureLead', by: ivan, lead: captured.data as never };
const assign = (to: string, by: Actor = routing): LeadCommand => ({
  type: 'AssignLead',
  by,
  assignment: { leadId: 'L1', leadGeneratorId: to, rule: 'round-robin', candidates: [{ repId: to, load: 3 }], skipped: [] },
});
const attempt = (by: Actor, outcome: 'reached' | 'no-answer' = 'reached', nextAttemptAt?: string): LeadCommand => ({
  type: 'LogContactAttempt',
  by,
  at: now,
  attempt: { leadId: 'L1', channel: 'call', outcome, ...(nextAttemptAt ? { nextAttemptAt } : {}) },
});
const qualify = (by: Actor): LeadCommand => ({ type: 'QualifyLead', by, qualification });
const disqualify = (by: Actor): LeadCommand => ({ type: 'DisqualifyLead', by, disqualification: { leadId: 'L1', reason: 'no-budget' } });
const handOff = (by: Actor): LeadCommand => ({ type: 'HandOffLead', by, handoff });

describe('Lead decider', () => {
  const emitted: LeadEvent[] = [];
  const then = (history: LeadEvent[], command: LeadCommand, expected: LeadEvent[]) => {
    given(leadDecider, history).when(command).then(expected);
    emitted.push(...expected);
  };

  describe('CaptureLead', () => {
    it('captures a new lead', () => then([], capture, [captured]));
    it('refuses to capture it twice', () => given(leadDecider, [captured]).when(capture).thenRejects('invalid-transition', 'lead-already-captured'));
  });

  describe('AssignLead', () => {
    it('assigns by routing, and records the previous owner on reassignment', () => {
      then([captured], assign('lg-ivan'), [assignedToIvan]);
      then([captured, assignedToIvan], assign('lg-olga', head), [
        { type: 'LeadAssigned', data: { ...(assign('lg-olga') as { assignment: object }).assignment, previousLeadGeneratorId: 'lg-ivan' } as never },
      ]);
    });
    it('does nothing when the lead already has that owner', () => then([captured, assignedToIvan], assign('lg-ivan'), []));
    it('refuses a lead generator assigning', () => given(leadDecider, [captured]).when(assign('lg-ivan', ivan)).thenRejects('forbidden', 'only-head-of-sales-assigns'));
    it('refuses an unknown lead', () => given(leadDecider, []).when(assign('lg-ivan')).thenRejects('not-found', 'lead-not-found'));
    it('refuses a handed-off lead', () =>
      given(leadDecider, [captured, assignedToIvan, reached, qualified, handedOff]).when(assign('lg-olga')).thenRejects('invalid-transition', 'lead-handed-off'));
  });

  describe('LogContactAttempt', () => {
    it('numbers the attempts', () => {
      then([captured, assignedToIvan], attempt(ivan, 'no-answer', '2026-04-02T10:00:00.000Z'), [
        { type: 'LeadContactAttempted', data: { leadId: 'L1', attemptNumber: 1, channel: 'call', outcome: 'no-answer', nextAttemptAt: '2026-04-02T10:00:00.000Z' } },
      ]);
      then([captured, assignedToIvan, reached], attempt(head), [
        { type: 'LeadContactAttempted', data: { leadId: 'L1', attemptNumber: 2, channel: 'call', outcome: 'reached' } },
      ]);
    });
    it("refuses another lead generator's lead", () => given(leadDecider, [captured, assignedToIvan]).when(attempt(olga)).thenRejects('forbidden', 'not-lead-owner'));
    it('refuses an unassigned lead to a lead generator', () => given(leadDecider, [captured]).when(attempt(ivan)).thenRejects('forbidden', 'not-lead-owner'));
    it('refuses a hunter', () => given(leadDecider, [captured, assignedToIvan]).when(attempt(hunter)).thenRejects('forbidden', 'not-lead-owner'));
    it('refuses a next attempt in the past', () =>
      given(leadDecider, [captured, assignedToIvan])
        .when(attempt(ivan, 'no-answer', '2026-03-01T10:00:00.000Z'))
        .thenRejects('rule-broken', 'next-attempt-in-past', 'nextAttemptAt'));
    it('refuses a disqualified lead', () => given(leadDecider, [captured, assignedToIvan, disqualified]).when(attempt(ivan)).thenRejects('invalid-transition', 'lead-disqualified'));
    it('refuses a qualified lead', () => given(leadDecider, [captured, assignedToIvan, reached, qualified]).when(attempt(ivan)).thenRejects('invalid-transition', 'lead-qualified'));
  });

  describe('QualifyLead', () => {
    it('qualifies a reached lead', () => then([captured, assignedToIvan, reached], qualify(ivan), [qualified]));
    it('refuses a lead nobody reached', () => {
      const noAnswer: LeadEvent = { type: 'LeadContactAttempted', data: { leadId: 'L1', attemptNumber: 1, channel: 'call', outcome: 'no-answer' } };
      given(leadDecider, [captured, assignedToIvan, noAnswer]).when(qualify(ivan)).thenRejects('rule-broken', 'lead-never-reached');
    });
    it('refuses a zero estimated value', () =>
      given(leadDecider, [captured, assignedToIvan, reached])
        .when({ type: 'QualifyLead', by: ivan, qualification: { ...qualification, estimatedValue: rub(0) } })
        .thenRejects('rule-broken', 'estimated-value-not-positive'));
    it('refuses to qualify twice', () => given(leadDecider, [captured, assignedToIvan, reached, qualified]).when(qualify(ivan)).thenRejects('invalid-transition', 'lead-already-qualified'));
    it("refuses another lead generator's lead", () => given(leadDecider, [captured, assignedToIvan, reached]).when(qualify(olga)).thenRejects('forbidden', 'not-lead-owner'));
  });

  describe('DisqualifyLead', () => {
    it('disqualifies an open or a qualified lead', () => {
      then([captured, assignedToIvan], disqualify(ivan), [disqualified]);
      then([captured, assignedToIvan, reached, qualified], disqualify(head), [disqualified]);
    });
    it('refuses to disqualify twice', () => given(leadDecider, [captured, assignedToIvan, disqualified]).when(disqualify(ivan)).thenRejects('invalid-transition', 'lead-disqualified'));
    it("refuses another lead generator's lead", () => given(leadDecider, [captured, assignedToIvan]).when(disqualify(olga)).thenRejects('forbidden', 'not-lead-owner'));
  });

  describe('HandOffLead', () => {
    it('hands a qualified lead to a hunter', () => then([captured, assignedToIvan, reached, qualified], handOff(ivan), [handedOff]));
    it('refuses a disqualified lead', () =>
      given(leadDecider, [captured, assignedToIvan, reached, qualified, disqualified]).when(handOff(ivan)).thenRejects('invalid-transition', 'lead-disqualified'));
    it('refuses a lead not qualified yet', () => given(leadDecider, [captured, assignedToIvan, reached]).when(handOff(ivan)).thenRejects('invalid-transition', 'lead-not-qualified'));
    it('refuses to hand off twice', () =>
      given(leadDecider, [captured, assignedToIvan, reached, qualified, handedOff]).when(handOff(ivan)).thenRejects('invalid-transition', 'lead-handed-off'));
    it("refuses another lead generator's lead", () =>
      given(leadDecider, [captured, assignedToIvan, reached, qualified]).when(handOff(olga)).thenRejects('forbidden', 'not-lead-owner'));
  });

  afterAll(() => {
    // Every event the decider emitted in these tests is valid published language.
    expect(emitted.length).toBeGreaterThan(8);
    for (const event of emitted) expect(() => checkEventData(event.type, event.data)).not.toThrow();
  });
});
