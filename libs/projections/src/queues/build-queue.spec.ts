import { DocumentState } from '../engine/document-state';
import { eventFactory } from '../testing/event-factory';
import { DEFAULT_QUEUE_SETTINGS } from '#libs/contracts';
import { buildQueue } from './build-queue';
import { workQueuesProjection } from './work-queues.projection';

const RUB = (amount: number) => ({ amount, currency: 'RUB' });
const company = (name: string) => ({ name });
const routing = { rule: 'named', candidates: [], skipped: [] };
const NOW = Date.parse('2026-03-20T12:00:00Z');

function readModel() {
  const e = eventFactory();
  const events = [
    e('RepJoined', { repId: 'lg-1', name: 'Анна', role: 'lead-generator', capacity: 3 }, '2026-03-01T09:00:00Z'),
    e('RepJoined', { repId: 'hunter-1', name: 'Борис', role: 'hunter', capacity: 10 }, '2026-03-01T09:00:00Z'),
    e('RepJoined', { repId: 'closer-1', name: 'Вера', role: 'closer', capacity: 10 }, '2026-03-01T09:00:00Z'),
    e('RepJoined', { repId: 'farmer-1', name: 'Глеб', role: 'farmer', capacity: 10 }, '2026-03-01T09:00:00Z'),
    e('RepJoined', { repId: 'asst-1', name: 'Дарья', role: 'sales-assistant', capacity: 10 }, '2026-03-01T09:00:00Z'),
    // lead generator: L1 callback due, L2 untouched (older), L3 untouched (newer), L4 callback later, L5 unassigned
    ...['L1', 'L2', 'L3', 'L4'].map((id, i) => e('LeadCaptured', { leadId: id, company: company(id), contact: {}, source: 'manual' }, `2026-03-1${i}T09:00:00Z`)),
    ...['L1', 'L2', 'L3', 'L4'].map((id) => e('LeadAssigned', { leadId: id, leadGeneratorId: 'lg-1', ...routing }, '2026-03-15T09:00:00Z')),
    e('LeadContactAttempted', { leadId: 'L1', attemptNumber: 1, channel: 'call', outcome: 'callback-requested', nextAttemptAt: '2026-03-20T10:00:00.000Z' }, '2026-03-16T09:00:00Z'),
    e('LeadContactAttempted', { leadId: 'L4', attemptNumber: 1, channel: 'call', outcome: 'callback-requested', nextAttemptAt: '2026-03-25T10:00:00.000Z' }, '2026-03-16T10:00:00Z'),
    e('LeadCaptured', { leadId: 'L5', company: company('L5'), contact: {}, source: 'web-form' }, '2026-03-20T08:00:00Z'),
    // hunter: D1 new hand-off, D2 meeting tomorrow, D3 untouched since 03-01 (stale), D4 with the closer
    ...['D1', 'D2', 'D3', 'D4'].map((id, i) =>
      e('DealOpened', { dealId: id, leadId: `X${i}`, hunterId: 'hunter-1', company: company(id), contact: {}, estimatedValue: RUB(100 * (i + 1)) }, '2026-03-01T09:00:00Z'),
    ),
    e('MeetingScheduled', { dealId: 'D2', meetingId: 'm1', scheduledFor: '2026-03-21T10:00:00.000Z', kind: 'demo' }, '2026-03-18T09:00:00Z'),
    e('DealStageChanged', { dealId: 'D3', from: 'qualification', to: 'discovery' }, '2026-03-02T09:00:00Z'),
    e('DealHandedOffToCloser', { dealId: 'D4', hunterId: 'hunter-1', closerId: 'closer-1', reason: 'stuck', ...routing }, '2026-03-19T09:00:00Z'),
    // farmer: A1 touched long ago (due), A2 touched yesterday with a renewal open and a churn risk
    e('AccountOpened', { accountId: 'A1', dealId: 'D0', company: company('A1'), contact: {}, farmerId: 'farmer-1', openingRevenue: RUB(1), ...routing }, '2026-01-01T09:00:00Z'),
    e('AccountOpened', { accountId: 'A2', dealId: 'D9', company: company('A2'), contact: {}, farmerId: 'farmer-1', openingRevenue: RUB(1), ...routing }, '2026-03-01T09:00:00Z'),
    e('TouchpointLogged', { accountId: 'A2', touchpointId: 't1', kind: 'qbr' }, '2026-03-19T09:00:00Z'),
    e('RepeatSaleOpened', { accountId: 'A2', repeatSaleId: 'r1', kind: 'renewal', estimatedValue: RUB(50) }, '2026-03-19T10:00:00Z'),
    e('ChurnRiskFlagged', { accountId: 'A2', level: 'high', reason: 'budget cuts' }, '2026-03-19T11:00:00Z'),
    // assistant: T1 overdue, T2 due later, T3 done
    e('AssistantTaskRequested', { taskId: 'T1', kind: 'proposal', dealId: 'D1', requesterId: 'hunter-1', assigneeId: 'asst-1', dueAt: '2026-03-19T18:00:00.000Z' }, '2026-03-18T09:00:00Z'),
    e('AssistantTaskRequested', { taskId: 'T2', kind: 'report', requesterId: 'hunter-1', assigneeId: 'asst-1', dueAt: '2026-03-22T18:00:00.000Z' }, '2026-03-18T09:00:00Z'),
    e('AssistantTaskRequested', { taskId: 'T3', kind: 'report', requesterId: 'hunter-1', assigneeId: 'asst-1', dueAt: '2026-03-18T18:00:00.000Z' }, '2026-03-18T09:00:00Z'),
    e('AssistantTaskCompleted', { taskId: 'T3' }, '2026-03-18T17:00:00Z'),
  ];
  const documents = DocumentState.of(workQueuesProjection);
  for (const event of events) workQueuesProjection.apply(documents, event);
  return documents;
}

const reasons = (role: Parameters<typeof buildQueue>[1], repId: string) =>
  buildQueue(readModel(), role, repId, NOW).map((item) => `${item.id} ${item.reason}`);

describe('the work queues', () => {
  it('puts due callbacks first for a lead generator, then the oldest untouched leads, then later callbacks', () => {
    expect(reasons('lead-generator', 'lg-1')).toEqual(['L1 callback-due', 'L2 untouched', 'L3 untouched', 'L4 callback-scheduled']);
  });

  it('gives a hunter new hand-offs, then deals by next meeting, then by days without activity; handed-over deals go to the closer', () => {
    expect(reasons('hunter', 'hunter-1')).toEqual(['D1 new-handoff', 'D2 meeting-scheduled', 'D3 no-activity']);
    expect(reasons('closer', 'closer-1')).toEqual(['D4 handed-to-closer']);
  });

  it('orders a farmer\'s accounts by touchpoint due, then renewals, then churn risks', () => {
    expect(reasons('farmer', 'farmer-1')).toEqual(['A1 touchpoint-due', 'A2 touchpoint-upcoming', 'A2 renewal:r1', 'A2 churn-risk:high']);
  });

  it('gives an assistant open tasks by due date', () => {
    expect(reasons('sales-assistant', 'asst-1')).toEqual(['T1 overdue', 'T2 due']);
  });

  it('shows the head of sales unassigned leads, stale deals, overdue tasks, speed-to-lead breaches and reps over capacity', () => {
    expect(reasons('head-of-sales', 'hos-1')).toEqual([
      'L5 unassigned-lead',
      'D1 stale-deal',
      'D3 stale-deal',
      'T1 overdue-task',
      'L2 speed-to-lead-breach',
      'L3 speed-to-lead-breach',
      'L5 speed-to-lead-breach',
      'lg-1 over-capacity:4/3',
    ]);
    const item = buildQueue(readModel(), 'head-of-sales', 'hos-1', NOW, { ...DEFAULT_QUEUE_SETTINGS, staleDealDays: 30 }).map((i) => i.reason);
    expect(item).not.toContain('stale-deal');
  });
});
