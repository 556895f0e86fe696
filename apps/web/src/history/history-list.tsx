/** An item's history, newest first: when, what, and who (a name from the roster and a role; a process — routing, a handoff — reads as the system). */
import type { HistoryLine } from '../api/types';
import { repName } from '../app/roster';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/i18n';
import { roleName } from '../ui/roles';
import { historyText } from './history-text';

export function HistoryList({ lines, testId }: { readonly lines: readonly HistoryLine[]; readonly testId: string }) {
  return (
    <ol class="history" data-testid={testId}>
      {[...lines].reverse().map((line) => (
        <li key={line.revision}>
          <time dateTime={line.at}>{formatDateTime(line.at)}</time>
          <span class="history-what">{historyText(line)}</span>
          <span class="muted" title={line.by?.userId}>{line.by && line.by.role !== 'service' ? byLine(line.by) : t('history.bySystem')}</span>
        </li>
      ))}
    </ol>
  );
}

/** A rep as 'name · role'; someone not on the roster (the head of sales) by the role alone (the id is the line's title). */
function byLine(by: { readonly userId: string; readonly role: string }): string {
  const name = repName(by.userId);
  return name === undefined ? roleName(by.role) : `${name} · ${roleName(by.role)}`;
}
