/**
 * The role × action matrix, in one place. Every route names its action (@RequirePermission); the auth
 * guard lets a role through only if it is listed here. Ownership (only the lead's own lead generator...)
 * is a domain rule and lives in the deciders.
 */
import type { Role } from '#libs/contracts';

const WORKS_LEADS = ['lead-generator', 'head-of-sales'] as const satisfies readonly Role[];
const WORKS_DEALS = ['hunter', 'closer', 'head-of-sales'] as const satisfies readonly Role[];
const WORKS_ACCOUNTS = ['farmer', 'kam', 'head-of-sales'] as const satisfies readonly Role[];
const READS_EVERYTHING = ['head-of-sales', 'analyst', 'service'] as const satisfies readonly Role[];

export const PERMISSION_MATRIX = {
  'lead:capture': WORKS_LEADS,
  'lead:import': WORKS_LEADS,
  'lead:read': ['lead-generator', 'hunter', 'closer', ...READS_EVERYTHING],
  'lead:assign': ['head-of-sales'],
  'lead:log-contact-attempt': WORKS_LEADS,
  'lead:qualify': WORKS_LEADS,
  'lead:disqualify': WORKS_LEADS,
  'lead:hand-off': WORKS_LEADS,
  'deal:read': ['hunter', 'closer', 'sales-assistant', ...READS_EVERYTHING],
  'deal:schedule-meeting': WORKS_DEALS,
  'deal:record-meeting': WORKS_DEALS,
  'deal:change-stage': WORKS_DEALS,
  'deal:send-proposal': WORKS_DEALS,
  'deal:hand-off-to-closer': ['hunter', 'head-of-sales'],
  'deal:reassign': ['head-of-sales'],
  'deal:win': WORKS_DEALS,
  'deal:lose': WORKS_DEALS,
  'account:read': ['farmer', 'kam', 'hunter', 'closer', 'sales-assistant', ...READS_EVERYTHING],
  'account:log-touchpoint': WORKS_ACCOUNTS,
  'account:repeat-sale': WORKS_ACCOUNTS,
  'account:flag-churn-risk': WORKS_ACCOUNTS,
  'account:churn': WORKS_ACCOUNTS,
  'account:promote-to-key': ['head-of-sales'],
  'account:demote-from-key': ['head-of-sales'],
  'account:assign-farmer': ['head-of-sales'],
  'call-script:read': ['lead-generator', 'hunter', ...READS_EVERYTHING],
  'call-script:write': ['head-of-sales'],
  'plan:read': ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', ...READS_EVERYTHING],
  'plan:set': ['head-of-sales'],
  'task:read': ['hunter', 'closer', 'farmer', 'kam', 'sales-assistant', ...READS_EVERYTHING],
  'task:request': ['hunter', 'closer', 'farmer', 'kam', 'head-of-sales'],
  'task:complete': ['sales-assistant', 'head-of-sales'],
  'task:cancel': ['hunter', 'closer', 'farmer', 'kam', 'head-of-sales'],
  'history:read': ['head-of-sales', 'analyst', 'service'],
  'queue:read-own': ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', 'head-of-sales'],
  'queue:read-any': ['head-of-sales'],
  'kpi:read': ['head-of-sales', 'analyst', 'service'],
  // Read-model progress (GET /live): what an open page needs to know when to refetch; no business data.
  'live:read': ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', ...READS_EVERYTHING],
  'team:read': ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', ...READS_EVERYTHING],
  'team:manage': ['head-of-sales'],
  // Personal data: who may see whether a subject is erased, and erase it (the head of sales answers for the department's data).
  'privacy:read': ['head-of-sales'],
  'privacy:erase': ['head-of-sales'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_MATRIX;

export function isAllowed(role: Role, permission: Permission): boolean {
  return (PERMISSION_MATRIX[permission] as readonly Role[]).includes(role);
}
