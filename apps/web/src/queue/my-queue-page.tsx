/** A rep's own queue (GET /queues/me), read-only here; it follows the store live. */
import { api, unwrap } from '../api/client';
import { useResource } from '../app/use-resource';
import { session } from '../app/session';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';
import { QueueList } from './queue-list';

export function MyQueuePage() {
  const current = session.value;
  const queue = useResource(
    current.status === 'signed-in' ? `me:${current.actor.userId}:${current.actor.role}` : null,
    (signal) => unwrap(api.GET('/queues/me', { params: { query: { limit: '200' } }, signal })),
    appliedBy('work-queues'),
  );
  if (current.status !== 'signed-in') return null;
  return (
    <>
      <div class="page-title">
        <h1>{t('queue.mine')}</h1>
        <span class="page-subtitle">{roleName(current.actor.role)}</span>
      </div>
      <div class="grid">
        <Panel title={t('queue.title', { count: queue.data?.total ?? 0 })} wide error={queue.error} loading={queue.loading}>
          {queue.data && <QueueList items={queue.data.items} total={queue.data.total} now={Date.now()} />}
        </Panel>
      </div>
    </>
  );
}
