/**
 * A client account as the people who grow it see it (GET /accounts/{id}): the client, who owns it (a farmer, or
 * a KAM when key), its revenue, touchpoints, repeat sales and churn risk, what happened and who did it, and the
 * actions the signed-in role may take on it now. It follows the store live.
 */
import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { AccountPage as Account } from '../api/types';
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
import { AccountActions } from './account-actions';

export function AccountPage({ accountId }: { readonly accountId: string }) {
  // A command sent from this page bumps `sent`: the account is read again at once, before any live update.
  const [sent, setSent] = useState(0);
  const account = useResource(
    `account:${accountId}`,
    (signal) => unwrap(api.GET('/accounts/{accountId}', { params: { path: { accountId } }, signal })),
    `${appliedBy('work-queues')}|${sent}`,
  );
  if (session.value.status !== 'signed-in') return null;
  const view = account.data;
  return (
    <>
      <div class="page-title">
        <h1>{view ? view.company.name : t('account.title')}</h1>
        {view && <span class={`badge badge-status status-${view.status}`}>{t(`account.status.${view.status}`)}</span>}
        {view?.key && <span class="badge">{t('account.key')}</span>}
        {view && (
          <span class="page-subtitle">
            {view.ownerId ? t('deal.workedBy', { rep: repName(view.ownerId) ?? view.ownerId, role: roleName(view.key ? 'kam' : 'farmer') }) : t('account.noOwner')}
          </span>
        )}
      </div>
      <div class="item-page">
        <div class="item-main">
          <Panel title={t('account.details')} error={account.error} loading={account.loading && !view}>
            {view && <AccountFacts account={view} />}
          </Panel>
          {view && <RepeatSales account={view} />}
          {view && <Touchpoints account={view} />}
          <Panel title={t('deal.history')}>{view && <HistoryList lines={view.history} testId="account-history" />}</Panel>
        </div>
        {view && <AccountActions account={view} onChanged={() => setSent((count) => count + 1)} />}
      </div>
    </>
  );
}

function AccountFacts({ account }: { readonly account: Account }) {
  return (
    <dl class="facts" data-testid="account-facts">
      <ClientFacts company={account.company} contact={account.contact} />
      <dt>{t('account.revenue')}</dt>
      <dd>{formatMoney(account.revenue.amount, account.revenue.currency)}</dd>
      <dt>{t('account.openedAt')}</dt>
      <dd>{formatDateTime(account.openedAt)}</dd>
      <dt>{t('account.fromDeal')}</dt>
      <dd>
        <AppLink path={`/app/deals/${encodeURIComponent(account.dealId)}`}>{t('account.openDeal')}</AppLink>
      </dd>
      {account.churnRisk && (
        <>
          <dt>{t('account.churnRisk')}</dt>
          <dd data-testid="account-churn-risk-flag">
            {word('queue.churnLevel', account.churnRisk.level)}: {account.churnRisk.reason}
          </dd>
        </>
      )}
      {account.churnReason !== null && (
        <>
          <dt>{t('account.churnedBecause')}</dt>
          <dd>{account.churnReason}</dd>
        </>
      )}
    </dl>
  );
}

function RepeatSales({ account }: { readonly account: Account }) {
  return (
    <Panel title={t('account.repeatSales')}>
      {account.repeatSales.length === 0 ? (
        <p class="empty">{t('account.noRepeatSales')}</p>
      ) : (
        <table data-testid="account-repeat-sales">
          <thead>
            <tr>
              <th scope="col">{t('account.repeatSale.kind')}</th>
              <th scope="col" class="number">
                {t('lead.value')}
              </th>
              <th scope="col">{t('account.repeatSale.status')}</th>
            </tr>
          </thead>
          <tbody>
            {account.repeatSales.map((sale) => (
              <tr key={sale.repeatSaleId}>
                <td>
                  {word('forecast.stage', sale.kind)}
                  {sale.description && <div class="muted">{sale.description}</div>}
                </td>
                <td class="number">{formatMoney(sale.estimatedValue.amount, sale.estimatedValue.currency)}</td>
                <td>
                  {t(`account.repeatSaleStatus.${sale.status}`)}
                  {sale.wonAmount && `: ${formatMoney(sale.wonAmount.amount, sale.wonAmount.currency)}`}
                  {sale.lostReason && <div class="muted">{sale.lostReason}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Touchpoints({ account }: { readonly account: Account }) {
  return (
    <Panel title={t('account.touchpoints')}>
      {account.touchpoints.length === 0 ? (
        <p class="empty">{t('account.noTouchpoints')}</p>
      ) : (
        <table data-testid="account-touchpoints">
          <thead>
            <tr>
              <th scope="col">{t('deal.meeting.when')}</th>
              <th scope="col">{t('deal.meeting.kind')}</th>
              <th scope="col" class="number">
                {t('account.satisfaction')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...account.touchpoints].reverse().map((touchpoint) => (
              <tr key={touchpoint.touchpointId}>
                <td>{formatDateTime(touchpoint.at)}</td>
                <td>
                  {t(`account.touchpointKind.${touchpoint.kind}`)}
                  {touchpoint.note && <div class="muted">{touchpoint.note}</div>}
                </td>
                <td class="number">{touchpoint.satisfaction ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
