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
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';
import { LeadActions } from './lead-actions';
import { historyText } from './lead-history';

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
          <Panel title={t('lead.history')}>{view && <History lead={view} />}</Panel>
        </div>
        {view && <LeadActions lead={view} onChanged={() => setSent((count) => count + 1)} />}
      </div>
    </>
  );
}

function LeadFacts({ lead }: { readonly lead: Lead }) {
  const erased = t('lead.erased');
  const shown = (value: string | null | undefined): string => (value === null ? erased : (value ?? '—'));
  return (
    <dl class="facts" data-testid="lead-facts">
      <dt>{t('lead.company')}</dt>
      <dd>{lead.company.name}</dd>
      <dt>{t('lead.taxId')}</dt>
      <dd>{shown(lead.company.taxId)}</dd>
      <dt>{t('lead.contact')}</dt>
      <dd>{shown(lead.contact.name)}</dd>
      <dt>{t('lead.email')}</dt>
      <dd>{lead.contact.email ? <a href={`mailto:${lead.contact.email}`}>{lead.contact.email}</a> : shown(lead.contact.email)}</dd>
      <dt>{t('lead.phone')}</dt>
      <dd>{lead.contact.phone ? <a href={`tel:${lead.contact.phone.replace(/[^\d+]/g, '')}`}>{lead.contact.phone}</a> : shown(lead.contact.phone)}</dd>
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

function History({ lead }: { readonly lead: Lead }) {
  return (
    <ol class="history" data-testid="lead-history">
      {[...lead.history].reverse().map((line) => (
        <li key={line.revision}>
          <time dateTime={line.at}>{formatDateTime(line.at)}</time>
          <span class="history-what">{historyText(line)}</span>
          <span class="muted">{line.by ? `${repName(line.by.userId) ?? line.by.userId} · ${roleName(line.by.role)}` : t('history.bySystem')}</span>
        </li>
      ))}
    </ol>
  );
}
