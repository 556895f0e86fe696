/** A rep's own queue (GET /queues/me), read-only here; it follows the store live. */
import { api, unwrap } from '../api/client';
import { useEffect } from 'preact/hooks';
import { useResource } from '../app/use-resource';
import { workspacePages } from '../app/workspace-loader';
import { session } from '../app/session';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';
import { location, navigate } from '../app/router';
import { QueueList, reasonCodes, reasonText } from './queue-list';

export function MyQueuePage() {
  const current = session.value;
  // Its items open the workspace's pages: fetched now, while the person reads the queue.
  useEffect(() => void workspacePages(), []);
  const queue = useResource(
    current.status === 'signed-in' ? `me:${current.actor.userId}:${current.actor.role}` : null,
    (signal) => unwrap(api.GET('/queues/me', { params: { query: { limit: '200' } }, signal })),
    appliedBy('work-queues'),
  );
  if (current.status !== 'signed-in') return null;
  // The filter is in the address, so that a link (and Back) opens the same view.
  const reason = location.value.query.get('reason') ?? '';
  const items = (queue.data?.items ?? []).filter((item) => reason === '' || item.reason.split(':')[0] === reason);
  const reasons = reasonCodes(queue.data?.items ?? []);
  if (reason !== '' && !reasons.includes(reason)) reasons.push(reason);
  const filter = (
    <label class="filter">
      <span>{t('queue.filter')}</span>
      <select data-testid="queue-filter" value={reason} onChange={(event) => navigate('/app/queue', { reason: (event.target as HTMLSelectElement).value }, { replace: true })}>
        <option value="">{t('queue.filter.all')}</option>
        {reasons.map((code) => (
          <option key={code} value={code}>
            {reasonText(code)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <div class="page-title">
        <h1>{t('queue.mine')}</h1>
        <span class="page-subtitle">{roleName(current.actor.role)}</span>
      </div>
      <div class="grid">
        <Panel title={t('queue.title', { count: queue.data?.total ?? 0 })} wide error={queue.error} loading={queue.loading} actions={filter}>
          {queue.data && <QueueList items={items} total={reason === '' ? queue.data.total : items.length} now={Date.now()} />}
        </Panel>
      </div>
    </>
  );
}
