/**
 * One valid data example per event type of the catalogue, for the AsyncAPI spec. The spec fails when a type
 * has no example here, and checks every example against the catalogue itself (checkEventData) first.
 */
import { rub } from '#libs/contracts';

const company = { name: 'ООО «Ромашка»', taxId: '7707083893' };
const contact = { name: 'Анна Петрова', email: 'anna@romashka.example', phone: '+7 495 123-45-67' };
const routing = { candidates: [{ repId: 'rep-hunter-1', load: 3 }, { repId: 'rep-hunter-2', load: 5 }], skipped: [{ repId: 'rep-hunter-3', reason: 'absent' }] };

export const CATALOGUE_EXAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  // prospecting
  LeadCaptured: { leadId: 'lead-1', company, contact, source: 'web-form', estimatedValue: rub(450_000) },
  LeadAssigned: { leadId: 'lead-1', leadGeneratorId: 'rep-lg-1', rule: 'round-robin', candidates: [{ repId: 'rep-lg-1', load: 12 }], skipped: [] },
  LeadContactAttempted: {
    leadId: 'lead-1',
    attemptNumber: 2,
    channel: 'call',
    outcome: 'callback-requested',
    script: { scriptId: 'script-cold-call', version: 3 },
    nextAttemptAt: '2026-03-02T10:00:00.000Z',
  },
  LeadQualified: { leadId: 'lead-1', budget: rub(500_000), authority: 'CFO signs', need: 'CRM for 40 reps', timing: 'Q2', estimatedValue: rub(480_000) },
  LeadDisqualified: { leadId: 'lead-2', reason: 'no-budget', note: 'Budget frozen until next year' },
  LeadHandedOff: { leadId: 'lead-1', hunterId: 'rep-hunter-1', dealId: 'deal-1', rule: 'least-loaded', ...routing, company, contact, estimatedValue: rub(480_000) },
  CallScriptPublished: { scriptId: 'script-cold-call', version: 3, title: 'Cold call, manufacturing', steps: ['Greet', 'Ask about volumes', 'Offer a demo'] },
  CallScriptRetired: { scriptId: 'script-cold-call', reason: 'Replaced by version 4' },
  // deal-closing
  DealOpened: { dealId: 'deal-1', leadId: 'lead-1', hunterId: 'rep-hunter-1', company, contact, estimatedValue: rub(480_000) },
  MeetingScheduled: { dealId: 'deal-1', meetingId: 'meeting-1', scheduledFor: '2026-03-05T11:30:00Z', kind: 'demo', location: 'Client office' },
  MeetingHeld: { dealId: 'deal-1', meetingId: 'meeting-1', outcome: 'positive', notes: 'They want a pilot' },
  MeetingCancelled: { dealId: 'deal-1', meetingId: 'meeting-2', reason: 'Client asked to move it' },
  MeetingNoShow: { dealId: 'deal-1', meetingId: 'meeting-3' },
  DealStageChanged: { dealId: 'deal-1', from: 'discovery', to: 'proposal' },
  ProposalSent: { dealId: 'deal-1', proposalId: 'proposal-1', amount: rub(470_000), validUntil: '2026-04-01T00:00:00.000Z' },
  DealHandedOffToCloser: { dealId: 'deal-1', hunterId: 'rep-hunter-1', closerId: 'rep-closer-1', reason: 'Large deal', rule: 'least-loaded', ...routing },
  DealOwnerReassigned: { dealId: 'deal-1', role: 'hunter', ownerId: 'rep-hunter-2', previousOwnerId: 'rep-hunter-1' },
  DealWon: {
    dealId: 'deal-1',
    amount: rub(470_000),
    credit: [{ repId: 'rep-hunter-1', role: 'hunter', percent: 60 }, { repId: 'rep-closer-1', role: 'closer', percent: 40 }],
    newClient: true,
    company,
    contact,
    accountId: 'account-1',
  },
  DealLost: { dealId: 'deal-2', reason: 'competitor', competitor: 'Василёк', note: 'Cheaper by 20%' },
  // account-management
  AccountOpened: { accountId: 'account-1', dealId: 'deal-1', company, contact, farmerId: 'rep-farmer-1', openingRevenue: rub(470_000), rule: 'least-loaded', ...routing },
  FarmerAssigned: { accountId: 'account-1', farmerId: 'rep-farmer-2', previousOwnerId: 'rep-farmer-1' },
  AccountPromotedToKey: {
    accountId: 'account-1',
    kamId: 'rep-kam-1',
    previousOwnerId: 'rep-farmer-2',
    reason: 'revenue-threshold',
    revenue: rub(1_200_000),
    rule: 'least-loaded',
    candidates: [{ repId: 'rep-kam-1', load: 4 }],
    skipped: [],
  },
  AccountDemotedFromKey: { accountId: 'account-1', farmerId: 'rep-farmer-2', previousOwnerId: 'rep-kam-1', reason: 'Revenue fell below the threshold' },
  TouchpointLogged: { accountId: 'account-1', touchpointId: 'touchpoint-1', kind: 'qbr', satisfaction: 8, note: 'Happy with support' },
  RepeatSaleOpened: { accountId: 'account-1', repeatSaleId: 'repeat-1', kind: 'upsell', estimatedValue: rub(150_000), description: '20 more seats' },
  RepeatSaleWon: { accountId: 'account-1', repeatSaleId: 'repeat-1', amount: rub(140_000), ownerId: 'rep-farmer-2' },
  RepeatSaleLost: { accountId: 'account-1', repeatSaleId: 'repeat-2', reason: 'No budget this quarter' },
  ChurnRiskFlagged: { accountId: 'account-1', level: 'high', reason: 'No touchpoint for 90 days' },
  AccountChurned: { accountId: 'account-1', reason: 'Moved to a competitor' },
  // sales-management
  RepJoined: { repId: 'rep-hunter-1', name: 'Борис Смирнов', role: 'hunter', capacity: 60 },
  RepRoleChanged: { repId: 'rep-hunter-1', from: 'hunter', to: 'closer' },
  RepAvailabilityChanged: { repId: 'rep-hunter-1', available: false, absentUntil: '2026-03-20T00:00:00.000Z', reason: 'vacation' },
  RepLeft: { repId: 'rep-hunter-3', reason: 'Moved to another city' },
  SalesPlanSet: {
    planId: 'plan-2026-q2',
    periodStart: '2026-04-01T00:00:00.000Z',
    periodEnd: '2026-06-30T23:59:59.999Z',
    scope: { kind: 'role', role: 'hunter' },
    metric: 'new-business-revenue',
    target: 12_000_000,
    currency: 'RUB',
  },
  AssistantTaskRequested: { taskId: 'task-1', kind: 'proposal', dealId: 'deal-1', requesterId: 'rep-hunter-1', assigneeId: 'rep-assistant-1', dueAt: '2026-03-04T15:00:00.000Z' },
  AssistantTaskCompleted: { taskId: 'task-1', note: 'Sent to the hunter' },
  AssistantTaskCancelled: { taskId: 'task-2', reason: 'Deal lost' },
  PersonalDataErased: { subjectId: 'lead-lead-1', reason: 'data-subject-request' },
};
