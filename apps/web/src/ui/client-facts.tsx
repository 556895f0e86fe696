/**
 * The client of a lead, deal or account as facts (dt/dd pairs for a `dl.facts`): company, tax id, contact person,
 * e-mail and phone as links. Personal values read as null once their subject is erased: shown as "erased".
 */
import type { LeadPage } from '../api/types';
import { t } from '../i18n/i18n';

export function ClientFacts({ company, contact }: { readonly company: LeadPage['company']; readonly contact: LeadPage['contact'] }) {
  const shown = (value: string | null | undefined): string => (value === null ? t('lead.erased') : (value ?? '—'));
  return (
    <>
      <dt>{t('lead.company')}</dt>
      <dd>{company.name}</dd>
      <dt>{t('lead.taxId')}</dt>
      <dd>{shown(company.taxId)}</dd>
      <dt>{t('lead.contact')}</dt>
      <dd>{shown(contact.name)}</dd>
      <dt>{t('lead.email')}</dt>
      <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : shown(contact.email)}</dd>
      <dt>{t('lead.phone')}</dt>
      <dd>{contact.phone ? <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a> : shown(contact.phone)}</dd>
    </>
  );
}
