/**
 * A lead as the people who work it see it (GET /leads/{id}): the company and contact, what happened to it and
 * who did it, and the actions the signed-in role may take on it now. It follows the store live: a command sent
 * here, or by someone else, shows as soon as it is stored.
 */
import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { LeadPage as Lead } from '../api/types';
import { repName } from '../app/roster';
import { useResource } from '../app/use-resource';
import { session } from '../app/session';
import { formatDateTime, formatMoney } from '../i18n/format';
import { HistoryList } from '../history/history-list';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { ClientFacts } from '../ui/client-facts';
import { Panel } from '../ui/panel';
import { LeadActions } from './lead-actions';

export function LeadPage({ leadId }: { readonly leadId: string }) {
  // A command sent from this page bumps `sent`: the lead is read again at once, before any live update.
  const [sent, setSent] = useState(0);
  const lead = useResource(`lead:${leadId}`, (signal) => unwrap(api.GET('/leads/{leadId}', { params: { path: { leadId } }, signal })), `${appliedBy('work-queues')}|${sent}`);
  const current = session.value;
  if (current.status !== 'signed-in') return null;
  const view = lead.data;
  return (
    <>
      <div class="page-title">
        <h1>{view ? view.company.name : t('lead.title')}</h1>
        {view && <span class={`badge badge-status status-${view.status}`}>{t(`lead.status.${view.status}`)}</span>}
        {view && <span class="page-subtitle">{view.leadGeneratorId ? t('lead.workedBy', { rep: repName(view.leadGeneratorId) ?? view.leadGeneratorId }) : t('lead.notRouted')}</span>}
      </div>
      <div class="item-page">
        <div class="item-main">
          <Panel title={t('lead.details')} error={lead.error} loading={lead.loading && !view}>
            {view && <LeadFacts lead={view} />}
          </Panel>
          <Panel title={t('lead.history')}>{view && <HistoryList lines={view.history} testId="lead-history" />}</Panel>
        </div>
        {view && <LeadActions lead={view} onChanged={() => setSent((count) => count + 1)} />}
      </div>
    </>
  );
}

function LeadFacts({ lead }: { readonly lead: Lead }) {
  return (
    <dl class="facts" data-testid="lead-facts">
      <ClientFacts company={lead.company} contact={lead.contact} />
      <dt>{t('lead.source')}</dt>
      <dd>{t(`lead.source.${lead.source}`)}</dd>
      <dt>{t('lead.value')}</dt>
      <dd>{lead.estimatedValue ? formatMoney(lead.estimatedValue.amount, lead.estimatedValue.currency) : '—'}</dd>
      <dt>{t('lead.capturedAt')}</dt>
      <dd>{formatDateTime(lead.capturedAt)}</dd>
      {lead.qualification && (
        <>
          <dt>{t('lead.bant')}</dt>
          <dd>
            {formatMoney(lead.qualification.budget.amount, lead.qualification.budget.currency)} · {lead.qualification.authority} · {lead.qualification.need} ·{' '}
            {lead.qualification.timing}
          </dd>
        </>
      )}
      {lead.disqualification && (
        <>
          <dt>{t('lead.disqualifiedBecause')}</dt>
          <dd>{t(`lead.reason.${lead.disqualification.reason}`)}</dd>
        </>
      )}
    </dl>
  );
}
