/**
 * The role × action matrix, in one place. Every route names its action (@RequirePermission); the auth
 * guard lets a role through only if it is listed here. Ownership (only the lead's own lead generator...)
 * is a domain rule and lives in the deciders.
 */
import type { Role } from '#libs/contracts';

const WORKS_LEADS = ['lead-generator', 'head-of-sales'] as const satisfies readonly Role[];
const READS_EVERYTHING = ['head-of-sales', 'analyst', 'service'] as const satisfies readonly Role[];

export const PERMISSION_MATRIX = {
  'lead:capture': WORKS_LEADS,
  'lead:read': ['lead-generator', 'hunter', 'closer', ...READS_EVERYTHING],
  'lead:assign': ['head-of-sales'],
  'lead:log-contact-attempt': WORKS_LEADS,
  'lead:qualify': WORKS_LEADS,
  'lead:disqualify': WORKS_LEADS,
  'lead:hand-off': WORKS_LEADS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_MATRIX;

export function isAllowed(role: Role, permission: Permission): boolean {
  return (PERMISSION_MATRIX[permission] as readonly Role[]).includes(role);
}
