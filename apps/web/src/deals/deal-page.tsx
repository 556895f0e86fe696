/**
 * A deal as the people who work it see it (GET /deals/{id}): the client, the stage, its meetings and proposals,
 * what happened and who did it, and the actions the signed-in role may take on it now. It follows the store
 * live: a command sent here, or by someone else, shows as soon as it is stored.
 */
import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { DealPage as Deal } from '../api/types';
import { repName } from '../app/roster';
import { session } from '../app/session';
import { useResource } from '../app/use-resource';
import { HistoryList } from '../history/history-list';
import { word } from '../history/history-text';
import { formatDateTime, formatMoney } from '../i18n/format';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { AppLink } from '../ui/app-link';
import { ClientFacts } from '../ui/client-facts';
import { Panel } from '../ui/panel';
import { roleName } from '../ui/roles';
import { DealActions } from './deal-actions';

export function DealPage({ dealId }: { readonly dealId: string }) {
  // A command sent from this page bumps `sent`: the deal is read again at once, before any live update.
  const [sent, setSent] = useState(0);
  const deal = useResource(`deal:${dealId}`, (signal) => unwrap(api.GET('/deals/{dealId}', { params: { path: { dealId } }, signal })), `${appliedBy('work-queues')}|${sent}`);
  if (session.value.status !== 'signed-in') return null;
  const view = deal.data;
  const owner = view && (view.closerId ? { repId: view.closerId, role: 'closer' } : { repId: view.hunterId, role: 'hunter' });
  return (
    <>
      <div class="page-title">
        <h1>{view ? view.company.name : t('deal.title')}</h1>
        {view && <span class={`badge badge-status status-${view.status}`}>{t(`deal.status.${view.status}`)}</span>}
        {view && view.status === 'open' && <span class="badge">{word('forecast.stage', view.stage)}</span>}
        {owner && <span class="page-subtitle">{t('deal.workedBy', { rep: repName(owner.repId) ?? owner.repId, role: roleName(owner.role) })}</span>}
      </div>
      <div class="item-page">
        <div class="item-main">
          <Panel title={t('deal.details')} error={deal.error} loading={deal.loading && !view}>
            {view && <DealFacts deal={view} />}
          </Panel>
          {view && <Meetings deal={view} />}
          {view && <Proposals deal={view} />}
          <Panel title={t('deal.history')}>{view && <HistoryList lines={view.history} testId="deal-history" />}</Panel>
        </div>
        {view && <DealActions deal={view} onChanged={() => setSent((count) => count + 1)} />}
      </div>
    </>
  );
}

function DealFacts({ deal }: { readonly deal: Deal }) {
  const rep = (repId: string) => repName(repId) ?? repId;
  return (
    <dl class="facts" data-testid="deal-facts">
      <ClientFacts company={deal.company} contact={deal.contact} />
      <dt>{t('lead.value')}</dt>
      <dd>{formatMoney(deal.estimatedValue.amount, deal.estimatedValue.currency)}</dd>
      <dt>{t('deal.stage')}</dt>
      <dd>{word('forecast.stage', deal.stage)}</dd>
      <dt>{t('deal.openedAt')}</dt>
      <dd>{formatDateTime(deal.openedAt)}</dd>
      <dt>{t('deal.hunter')}</dt>
      <dd>{rep(deal.hunterId)}</dd>
      {deal.closerId && (
        <>
          <dt>{t('deal.closer')}</dt>
          <dd>{rep(deal.closerId)}</dd>
        </>
      )}
      <dt>{t('deal.fromLead')}</dt>
      <dd>
        <AppLink path={`/app/leads/${encodeURIComponent(deal.leadId)}`}>{t('deal.openLead')}</AppLink>
      </dd>
      {deal.won && (
        <>
          <dt>{t('deal.wonFor')}</dt>
          <dd>{formatMoney(deal.won.amount.amount, deal.won.amount.currency)}</dd>
          <dt>{t('deal.credit')}</dt>
          <dd data-testid="deal-credit">
            {deal.won.credit.map((share) => t('deal.creditShare', { rep: rep(share.repId), role: roleName(share.role), percent: String(share.percent) })).join(' · ')}
          </dd>
          <dt>{t('deal.account')}</dt>
          <dd>
            <AppLink path={`/app/accounts/${encodeURIComponent(deal.won.accountId)}`}>{t('deal.openAccount')}</AppLink>
          </dd>
        </>
      )}
      {deal.lost && (
        <>
          <dt>{t('deal.lostBecause')}</dt>
          <dd>{word('reason', deal.lost.reason)}</dd>
          {deal.lost.competitor && (
            <>
              <dt>{t('deal.competitor')}</dt>
              <dd>{deal.lost.competitor}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

function Meetings({ deal }: { readonly deal: Deal }) {
  return (
    <Panel title={t('deal.meetings')}>
      {deal.meetings.length === 0 ? (
        <p class="empty">{t('deal.noMeetings')}</p>
      ) : (
        <table data-testid="deal-meetings">
          <thead>
            <tr>
              <th scope="col">{t('deal.meeting.when')}</th>
              <th scope="col">{t('deal.meeting.kind')}</th>
              <th scope="col">{t('deal.meeting.status')}</th>
            </tr>
          </thead>
          <tbody>
            {deal.meetings.map((meeting) => (
              <tr key={meeting.meetingId}>
                <td>{formatDateTime(meeting.scheduledFor)}</td>
                <td>
                  {word('deal.meetingKind', meeting.kind)}
                  {meeting.location && <div class="muted">{meeting.location}</div>}
                </td>
                <td>
                  {word('deal.meetingStatus', meeting.status)}
                  {meeting.outcome && `: ${word('deal.meetingOutcome', meeting.outcome)}`}
                  {(meeting.notes ?? meeting.cancellationReason) && <div class="muted">{meeting.notes ?? meeting.cancellationReason}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Proposals({ deal }: { readonly deal: Deal }) {
  return (
    <Panel title={t('deal.proposals')}>
      {deal.proposals.length === 0 ? (
        <p class="empty">{t('deal.noProposals')}</p>
      ) : (
        <table data-testid="deal-proposals">
          <thead>
            <tr>
              <th scope="col" class="number">
                {t('deal.proposal.amount')}
              </th>
              <th scope="col">{t('deal.proposal.validUntil')}</th>
              <th scope="col">{t('deal.proposal.sentAt')}</th>
            </tr>
          </thead>
          <tbody>
            {deal.proposals.map((proposal) => (
              <tr key={proposal.proposalId}>
                <td class="number">{formatMoney(proposal.amount.amount, proposal.amount.currency)}</td>
                <td>{formatDateTime(proposal.validUntil)}</td>
                <td>{formatDateTime(proposal.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
