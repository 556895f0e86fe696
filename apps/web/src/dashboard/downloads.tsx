/**
 * Downloads of what the page shows, in its period and as-of: the dashboard's figures and the leaderboard as
 * CSV, or both in one Excel workbook (GET /kpis/export; a service can fetch the same files).
 */
import { href } from '../app/router';
import { t } from '../i18n/i18n';
import type { KpiQuery } from './view-state';

export function exportHref(query: KpiQuery, format: 'csv' | 'xlsx', content: 'dashboard' | 'leaderboard' | 'all'): string {
  return href('/kpis/export', { ...query, format, content });
}

export function Downloads({ query, content }: { readonly query: KpiQuery; readonly content: 'dashboard' | 'leaderboard' }) {
  return (
    <div class="downloads" role="group" aria-label={t('download.label')}>
      <span class="muted">{t('download.label')}</span>
      <a class="button-secondary" href={exportHref(query, 'xlsx', 'all')} download data-testid="download-xlsx">
        {t('download.xlsx')}
      </a>
      <a class="button-secondary" href={exportHref(query, 'csv', content)} download data-testid="download-csv">
        {t('download.csv')}
      </a>
    </div>
  );
}
