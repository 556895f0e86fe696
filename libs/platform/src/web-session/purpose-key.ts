import { hkdfSync } from 'node:crypto';

/**
 * A key of its own for each kind of token signed with one secret (sign-in codes, sessions, OIDC sign-in
 * state), derived with HKDF: a token of one kind can never verify as another, even if its claims would fit.
 */
export function purposeKey(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'sales-ops', purpose, 32));
}

export function epochSeconds(at: number): number {
  return Math.floor(at / 1000);
}
