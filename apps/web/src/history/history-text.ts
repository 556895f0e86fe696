/** A line of a lead's history (GET /leads/{id}'s `history`) in words, for its page and for a conflict's note. */
import type { LeadPage as Lead } from '../api/types';
import { repName } from '../app/roster';
import { formatDateTime } from '../i18n/format';
import { hasMessage, t } from '../i18n/i18n';

type HistoryLine = Lead['history'][number];

/** The word for a value the API sent (`lead.outcome` + `no-answer`), or the value itself where there is none. */
function word(prefix: string, value: unknown): string {
  const key = `${prefix}.${String(value)}`;
  return hasMessage(key) ? t(key) : String(value);
}

/** A history line in words: what happened, with its detail (a routing rule, an outcome) where it has one. */
export function historyText(line: HistoryLine): string {
  const detail = (line.detail ?? {}) as Record<string, string | number | null>;
  const rep = (id: unknown) => (typeof id === 'string' ? (repName(id) ?? id) : '');
  switch (line.type) {
    case 'LeadAssigned':
      return t(detail.rule === 'named' ? 'history.LeadAssigned.named' : 'history.LeadAssigned.routed', { rep: rep(detail.leadGeneratorId) });
    case 'LeadContactAttempted':
      return t('history.LeadContactAttempted', {
        number: String(detail.attemptNumber ?? ''),
        channel: word('lead.channel', detail.channel),
        outcome: word('lead.outcome', detail.outcome),
      }) + (typeof detail.nextAttemptAt === 'string' ? ` ${t('history.callbackAt', { at: formatDateTime(detail.nextAttemptAt) })}` : '');
    case 'LeadDisqualified':
      return t('history.LeadDisqualified', { reason: word('lead.reason', detail.reason) });
    case 'LeadHandedOff':
      return t(detail.rule === 'named' ? 'history.LeadHandedOff.named' : 'history.LeadHandedOff.routed', { rep: rep(detail.hunterId) });
    default: {
      const key = `history.${line.type}`;
      return hasMessage(key) ? t(key) : line.type;
    }
  }
}

