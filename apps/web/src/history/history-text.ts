/**
 * A line of an item's history (the `history` of GET /leads/{id}, /deals/{id}, /accounts/{id}, /tasks/{id}) in words, for its
 * page and for a conflict's note: what happened, with the detail a reader needs (a routing rule, an outcome, a
 * stage, an amount).
 */
import type { HistoryLine } from '../api/types';
import { repName } from '../app/roster';
import { formatDateTime, formatMoney } from '../i18n/format';
import { hasMessage, t } from '../i18n/i18n';

/** The word for a value the API sent (`lead.outcome` + `no-answer`), or the value itself where there is none. */
export function word(prefix: string, value: unknown): string {
  const key = `${prefix}.${String(value)}`;
  return hasMessage(key) ? t(key) : String(value);
}

/** A history line in words: what happened, with its detail where it has one. */
export function historyText(line: HistoryLine): string {
  const detail = (line.detail ?? {}) as Record<string, string | number | null>;
  const rep = (id: unknown) => (typeof id === 'string' ? (repName(id) ?? id) : '');
  const money = () => (typeof detail.amount === 'number' && typeof detail.currency === 'string' ? formatMoney(detail.amount, detail.currency) : '');
  switch (line.type) {
    case 'LeadAssigned':
      return t(detail.rule === 'named' ? 'history.LeadAssigned.named' : 'history.LeadAssigned.routed', { rep: rep(detail.leadGeneratorId) });
    case 'LeadContactAttempted':
      return t('history.LeadContactAttempted', {
        number: String(detail.attemptNumber ?? ''),
        channel: word('lead.channel', detail.channel),
        outcome: word('lead.outcome', detail.outcome),
      }) +
        (typeof detail.nextAttemptAt === 'string' ? ` ${t('history.callbackAt', { at: formatDateTime(detail.nextAttemptAt) })}` : '') +
        (typeof detail.scriptId === 'string' ? ` ${t('history.byScript', { script: detail.scriptId, version: String(detail.scriptVersion ?? '') })}` : '');
    case 'LeadDisqualified':
      return t('history.LeadDisqualified', { reason: word('lead.reason', detail.reason) });
    case 'LeadHandedOff':
      return t(detail.rule === 'named' ? 'history.LeadHandedOff.named' : 'history.LeadHandedOff.routed', { rep: rep(detail.hunterId) });
    case 'DealOpened':
      return t('history.DealOpened', { rep: rep(detail.hunterId) });
    case 'MeetingScheduled':
      return t('history.MeetingScheduled', { kind: word('deal.meetingKind', detail.kind), at: formatDateTime(String(detail.scheduledFor ?? '')) });
    case 'MeetingHeld':
      return t('history.MeetingHeld', { outcome: word('deal.meetingOutcome', detail.outcome) });
    case 'DealStageChanged':
      return t('history.DealStageChanged', { from: word('forecast.stage', detail.from), to: word('forecast.stage', detail.to) });
    case 'ProposalSent':
      return t('history.ProposalSent', { amount: money(), until: formatDateTime(String(detail.validUntil ?? '')) });
    case 'DealHandedOffToCloser':
      return t(detail.rule === 'named' ? 'history.DealHandedOffToCloser.named' : 'history.DealHandedOffToCloser.routed', { rep: rep(detail.closerId) });
    case 'DealOwnerReassigned':
      return t('history.DealOwnerReassigned', { rep: rep(detail.ownerId), previous: rep(detail.previousOwnerId) });
    case 'DealWon':
      return t('history.DealWon', { amount: money() });
    case 'DealLost':
      return t('history.DealLost', { reason: word('reason', detail.reason) }) + (typeof detail.competitor === 'string' ? ` (${detail.competitor})` : '');
    case 'AccountOpened':
      return typeof detail.farmerId === 'string'
        ? t('history.AccountOpened.routed', { amount: money(), rep: rep(detail.farmerId) })
        : t('history.AccountOpened.unowned', { amount: money() });
    case 'FarmerAssigned':
      return t('history.FarmerAssigned', { rep: rep(detail.farmerId) });
    case 'AccountPromotedToKey':
      return t(detail.reason === 'revenue-threshold' ? 'history.AccountPromotedToKey.threshold' : 'history.AccountPromotedToKey.head', { rep: rep(detail.kamId) });
    case 'AccountDemotedFromKey':
      return t('history.AccountDemotedFromKey', { rep: rep(detail.farmerId) });
    case 'TouchpointLogged':
      return t('history.TouchpointLogged', { kind: word('account.touchpointKind', detail.kind) }) +
        (typeof detail.satisfaction === 'number' ? ` ${t('history.satisfaction', { score: String(detail.satisfaction) })}` : '');
    case 'RepeatSaleOpened':
      return t('history.RepeatSaleOpened', { kind: word('forecast.stage', detail.kind), amount: money() });
    case 'RepeatSaleWon':
      return t('history.RepeatSaleWon', { amount: money() });
    case 'ChurnRiskFlagged':
      return t('history.ChurnRiskFlagged', { level: word('queue.churnLevel', detail.level) });
    case 'AssistantTaskRequested':
      return typeof detail.assigneeId === 'string'
        ? t('history.AssistantTaskRequested', { kind: word('task.kind', detail.kind), due: formatDateTime(String(detail.dueAt ?? '')), rep: rep(detail.assigneeId) })
        : t('history.AssistantTaskRequested.unassigned', { kind: word('task.kind', detail.kind), due: formatDateTime(String(detail.dueAt ?? '')) });
    default: {
      const key = `history.${line.type}`;
      return hasMessage(key) ? t(key) : line.type;
    }
  }
}
