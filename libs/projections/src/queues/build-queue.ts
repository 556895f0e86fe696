/**
 * Each role's work queue, built from the work-queues read model at a moment `now` (pure). Every item says
 * what it is, why it is in the queue and since when; the order is the one DESIGN.md gives per role.
 */
import { DAY_MS, DEFAULT_QUEUE_SETTINGS, type QueueSettings, type Money } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import type { QueueAccount, QueueDeal, QueueLead, QueueRep, QueueTask } from './work-queues.projection';

export const QUEUE_ROLES = ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', 'head-of-sales'] as const;
export type QueueRole = (typeof QUEUE_ROLES)[number];

export interface QueueItem {
  readonly kind: 'lead' | 'deal' | 'account' | 'task' | 'rep';
  readonly id: string;
  readonly reason: string;
  /** Since when the item is in the queue for this reason. */
  readonly since: string;
  /** When it is due, where that applies (a callback, a meeting, a touchpoint, a task). */
  readonly dueAt: string | null;
  readonly title: string;
  readonly value: Money | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

interface Ranked {
  readonly item: QueueItem;
  /** Sort keys: group first, then the number within the group. */
  readonly group: number;
  readonly order: number;
}

function item(kind: QueueItem['kind'], id: string, reason: string, since: number, dueAt: number | undefined, title: string, value?: Money): QueueItem {
  return { kind, id, reason, since: iso(since), dueAt: dueAt === undefined ? null : iso(dueAt), title, value: value ?? null };
}

export function buildQueue(documents: DocumentReader, role: QueueRole, repId: string, now: number, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): QueueItem[] {
  const ranked: Ranked[] = [];
  const push = (group: number, order: number, queued: QueueItem) => ranked.push({ item: queued, group, order });
  switch (role) {
    case 'lead-generator':
      for (const lead of documents.values<QueueLead>('leads')) {
        if (lead.leadGeneratorId !== repId) continue;
        const since = lead.assignedAt ?? lead.capturedAt;
        const title = lead.company;
        if (lead.qualifiedAt !== undefined) push(2, lead.qualifiedAt, item('lead', lead.id, 'qualified-awaiting-handoff', lead.qualifiedAt, undefined, title, lead.estimatedValue));
        else if (lead.nextAttemptAt !== undefined && lead.nextAttemptAt <= now) push(0, lead.nextAttemptAt, item('lead', lead.id, 'callback-due', lead.nextAttemptAt, lead.nextAttemptAt, title, lead.estimatedValue));
        else if (lead.attempts === 0) push(1, since, item('lead', lead.id, 'untouched', since, undefined, title, lead.estimatedValue));
        else if (lead.nextAttemptAt !== undefined) push(4, lead.nextAttemptAt, item('lead', lead.id, 'callback-scheduled', lead.lastAttemptAt!, lead.nextAttemptAt, title, lead.estimatedValue));
        else push(3, lead.lastAttemptAt!, item('lead', lead.id, 'in-progress', lead.lastAttemptAt!, undefined, title, lead.estimatedValue));
      }
      break;
    case 'hunter':
      for (const deal of documents.values<QueueDeal>('deals')) {
        if (deal.hunterId !== repId || deal.closerId !== undefined) continue;
        const nextMeeting = Math.min(...Object.values(deal.meetings).filter((at) => at >= now - DAY_MS));
        if (!deal.worked) push(0, deal.openedAt, item('deal', deal.id, 'new-handoff', deal.openedAt, undefined, deal.company, deal.value));
        else if (Number.isFinite(nextMeeting)) push(1, nextMeeting, item('deal', deal.id, 'meeting-scheduled', deal.lastActivityAt, nextMeeting, deal.company, deal.value));
        else push(2, deal.lastActivityAt, item('deal', deal.id, 'no-activity', deal.lastActivityAt, undefined, deal.company, deal.value));
      }
      break;
    case 'closer':
      for (const deal of documents.values<QueueDeal>('deals')) {
        if (deal.closerId !== repId) continue;
        // By value (largest first), then age (oldest hand-off first).
        push(-deal.value.amount, deal.handedToCloserAt!, item('deal', deal.id, 'handed-to-closer', deal.handedToCloserAt!, undefined, deal.company, deal.value));
      }
      break;
    case 'farmer':
    case 'kam':
      for (const account of documents.values<QueueAccount>('accounts')) {
        if (account.ownerId !== repId) continue;
        const cadence = (account.key ? settings.kamTouchDays : settings.farmerTouchDays) * DAY_MS;
        const last = account.lastTouchAt ?? account.openedAt;
        const due = last + cadence;
        push(0, due, item('account', account.id, due <= now ? 'touchpoint-due' : 'touchpoint-upcoming', last, due, account.company));
        for (const [saleId, sale] of Object.entries(account.repeatSales)) {
          const renewal = sale.kind === 'renewal';
          push(renewal ? 1 : 2, sale.openedAt, item('account', account.id, renewal ? `renewal:${saleId}` : `open-repeat-sale:${saleId}`, sale.openedAt, undefined, account.company, sale.value));
        }
        if (account.churnRisk !== undefined) {
          const level = { high: 0, medium: 1, low: 2 }[account.churnRisk.level] ?? 3;
          push(3 + level / 10, account.churnRisk.flaggedAt, item('account', account.id, `churn-risk:${account.churnRisk.level}`, account.churnRisk.flaggedAt, undefined, account.company));
        }
      }
      break;
    case 'sales-assistant':
      for (const task of documents.values<QueueTask>('tasks')) {
        if (task.assigneeId !== repId) continue;
        push(0, task.dueAt, item('task', task.id, task.dueAt < now ? 'overdue' : 'due', task.requestedAt, task.dueAt, task.kind));
      }
      break;
    case 'head-of-sales':
      headOfSalesItems(documents, now, settings, push);
      break;
  }
  return ranked.sort((a, b) => a.group - b.group || a.order - b.order || a.item.id.localeCompare(b.item.id)).map((each) => each.item);
}

function headOfSalesItems(documents: DocumentReader, now: number, settings: QueueSettings, push: (group: number, order: number, item: QueueItem) => void): void {
  const load = new Map<string, number>();
  const owns = (repId: string | undefined) => repId !== undefined && load.set(repId, (load.get(repId) ?? 0) + 1);
  const breach = settings.speedToLeadMinutes * 60_000;
  for (const lead of documents.values<QueueLead>('leads')) {
    owns(lead.leadGeneratorId);
    if (lead.leadGeneratorId === undefined) push(0, lead.capturedAt, item('lead', lead.id, 'unassigned-lead', lead.capturedAt, undefined, lead.company, lead.estimatedValue));
    if (lead.attempts === 0 && lead.qualifiedAt === undefined && now - lead.capturedAt > breach) {
      push(3, lead.capturedAt, item('lead', lead.id, 'speed-to-lead-breach', lead.capturedAt + breach, lead.capturedAt + breach, lead.company, lead.estimatedValue));
    }
  }
  const stale = settings.staleDealDays * DAY_MS;
  for (const deal of documents.values<QueueDeal>('deals')) {
    owns(deal.closerId ?? deal.hunterId);
    if (now - deal.lastActivityAt > stale) push(1, deal.lastActivityAt, item('deal', deal.id, 'stale-deal', deal.lastActivityAt, undefined, deal.company, deal.value));
  }
  for (const account of documents.values<QueueAccount>('accounts')) {
    owns(account.ownerId);
    if (account.ownerId === undefined) push(0, account.openedAt, item('account', account.id, 'unowned-account', account.openedAt, undefined, account.company));
  }
  for (const task of documents.values<QueueTask>('tasks')) {
    owns(task.assigneeId);
    if (task.dueAt < now) push(2, task.dueAt, item('task', task.id, 'overdue-task', task.dueAt, task.dueAt, task.kind));
  }
  for (const rep of documents.values<QueueRep>('reps')) {
    const open = load.get(rep.id) ?? 0;
    if (open > rep.capacity) push(4, -open / rep.capacity, item('rep', rep.id, `over-capacity:${open}/${rep.capacity}`, now, undefined, rep.name));
  }
}
