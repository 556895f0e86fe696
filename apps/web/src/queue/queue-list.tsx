/** A rep's work queue as the API orders it: what, why, since when, due when (overdue marked), worth what. */
import type { Queue } from '../api/types';
import { formatDateTime, formatMoney } from '../i18n/format';
import { hasMessage, t } from '../i18n/i18n';
import { AppLink } from '../ui/app-link';

type QueueItem = Queue['items'][number];

/** `renewal:<id>` and `over-capacity:12/10` carry details after the colon; the words are the part before. */
export function reasonText(reason: string): string {
  const [code, detail] = reason.split(/:(.*)/s, 2) as [string, string | undefined];
  const key = `queue.reason.${code}`;
  if (!hasMessage(key)) return reason;
  if (code === 'over-capacity' && detail) {
    const [open, capacity] = detail.split('/');
    return t(key, { open: open ?? '', capacity: capacity ?? '' });
  }
  const level = `queue.churnLevel.${detail}`;
  if (code === 'churn-risk' && detail) return t(key, { level: hasMessage(level) ? t(level) : detail });
  return t(key);
}

const ITEM_PAGES: Partial<Record<QueueItem['kind'], string>> = { lead: '/app/leads', deal: '/app/deals', account: '/app/accounts', task: '/app/tasks', rep: '/app/team' };

/** The page of a queue item (a rep's, for the head of sales' over-capacity lines). */
function itemPath(item: QueueItem): string | undefined {
  const pages = ITEM_PAGES[item.kind];
  return pages === undefined ? undefined : `${pages}/${encodeURIComponent(item.id)}`;
}

/** What a queue item is: a company, a rep's name; a task by what it asks for (its title is the task's kind). */
function itemTitle(item: QueueItem): string {
  const key = `task.title.${item.title}`;
  return item.kind === 'task' && hasMessage(key) ? t(key) : item.title;
}

/** The reasons of a queue's items, as a filter offers them: the part before a colon, once each. */
export function reasonCodes(items: readonly QueueItem[]): string[] {
  return [...new Set(items.map((item) => item.reason.split(':')[0]!))];
}

export function QueueList({ items, total, now }: { readonly items: readonly QueueItem[]; readonly total: number; readonly now: number }) {
  if (items.length === 0) return <p class="empty">{t('queue.empty')}</p>;
  return (
    <table class="queue" data-testid="queue">
      <caption class="visually-hidden">{t('queue.caption', { count: total })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('queue.column.item')}</th>
          <th scope="col">{t('queue.column.reason')}</th>
          <th scope="col">{t('queue.column.since')}</th>
          <th scope="col">{t('queue.column.due')}</th>
          <th scope="col" class="number">{t('queue.column.value')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const overdue = item.dueAt !== null && item.dueAt !== undefined && Date.parse(item.dueAt) < now;
          return (
            <tr key={`${item.kind}-${item.id}-${item.reason}`}>
              <th scope="row">
                <div>{itemPath(item) ? <AppLink path={itemPath(item)!}>{itemTitle(item)}</AppLink> : itemTitle(item)}</div>
                <div class="muted">{hasMessage(`queue.kind.${item.kind}`) ? t(`queue.kind.${item.kind}`) : item.kind}</div>
              </th>
              <td>{reasonText(item.reason)}</td>
              <td>{formatDateTime(item.since)}</td>
              <td>
                {formatDateTime(item.dueAt ?? null)} {overdue && <span class="badge badge-overdue">{t('queue.overdue')}</span>}
              </td>
              <td class="number">{item.value ? formatMoney(item.value.amount, item.value.currency) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
