/** Role ids in the page's words. */
import { hasMessage, t } from '../i18n/i18n';

export function roleName(role: string, plural = false): string {
  const key = `role.${role}${plural ? '.plural' : ''}`;
  return hasMessage(key) ? t(key) : role;
}

export function roleList(roles: readonly string[]): string {
  const names = roles.map((role) => roleName(role));
  return new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'disjunction' }).format(names);
}

/** The department's roles in the order a head of sales reads them: the funnel's order. */
export const ROLE_ORDER = ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', 'head-of-sales'] as const;
