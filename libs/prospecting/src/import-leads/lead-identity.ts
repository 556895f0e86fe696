import type { Static } from '@sinclair/typebox';
import type { LeadCaptured, PersonalDataErased } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';
import { defineProjection, type DocumentWriter, type ProjectionDefinition, type StoredProjection } from '#libs/projections';

/** How leads are recognised as the same company or person: by tax id, email or phone, normalised. */
export type MatchedOn = 'taxId' | 'email' | 'phone';

export interface LeadIdentity {
  readonly taxId?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** The keys a lead is found by; a Russian trunk prefix 8 counts as +7. */
function identityKeys(identity: LeadIdentity): Array<[MatchedOn, string]> {
  const keys: Array<[MatchedOn, string]> = [];
  if (identity.taxId) keys.push(['taxId', identity.taxId.trim()]);
  if (identity.email) keys.push(['email', identity.email.trim().toLowerCase()]);
  if (identity.phone) {
    let digits = identity.phone.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
    if (digits.length >= 5) keys.push(['phone', digits]);
  }
  return keys;
}

/**
 * A keyed hash of an identity key (the personal-data layer's lookup key): the index matches leads without keeping
 * a tax id, e-mail or phone in clear, even in memory.
 */
export type IdentityHash = (kind: MatchedOn, normalised: string) => string;

/** Identity keys in clear, where the store keeps no personal data apart (a bare store: tests). */
export const CLEAR_IDENTITY: IdentityHash = (kind, normalised) => `${kind}:${normalised}`;

/**
 * The identity of every captured lead, for duplicate detection on import: which lead each identity key (its
 * keyed hash) points at, the first lead captured with it winning; a lead's keys are dropped when its contact's
 * personal data is erased. Reads LeadCaptured opened (it needs the values to hash them) and keeps hashes only.
 * Pure given `hash` (the personal-data layer's lookup hash: its key is kept in the key table and survives a
 * master-key rotation, so the persisted keys stay valid).
 *
 * Collection `keys`: a key's hash → the lead id (a string); collection `leads`: a lead id → the hashes that point
 * at it (an array of strings). Plain strings and arrays, not objects (version 1 kept `{ leadId }` and `{ keys }`
 * objects, when every boot loaded them all). Served from its persisted documents (storedLeadIdentity): a
 * department's history holds two or three keys per lead ever captured, too many to load at every boot.
 */
export function leadIdentityProjection(hash: IdentityHash): ProjectionDefinition {
  return defineProjection({
    name: 'lead-identity',
    version: 2,
    description: 'Which lead each identity key (keyed hash of a tax id, e-mail or phone) points at, for duplicate detection on import; erased leads dropped',
    collections: ['keys', 'leads'],
    on: {
      LeadCaptured: (documents: DocumentWriter, event) => {
        const { leadId } = event.data as Static<typeof LeadCaptured.schema>;
        const keys: string[] = [];
        for (const key of capturedKeys(event, hash)) {
          if (documents.get('keys', key) !== undefined) continue;
          documents.put('keys', key, leadId);
          keys.push(key);
        }
        if (keys.length > 0) documents.put('leads', leadId, keys);
      },
      PersonalDataErased: (documents: DocumentWriter, event) => {
        const leadId = erasedLead(event);
        if (leadId === undefined) return;
        for (const key of documents.get<readonly string[]>('leads', leadId) ?? []) documents.delete('keys', key);
        documents.delete('leads', leadId);
      },
    },
  });
}

/**
 * The lead-identity projection run from its persisted documents (StoredProjectionRunner): the documents its fold reads
 * for an event — the keys a captured lead's identity hashes to (taken by an earlier lead?), an erased lead's list.
 */
export function storedLeadIdentity(hash: IdentityHash): StoredProjection {
  return {
    definition: leadIdentityProjection(hash),
    reads: (event) => {
      if (event.type === 'LeadCaptured') return capturedKeys(event, hash).map((key) => ['keys', key] as const);
      const leadId = erasedLead(event);
      return leadId === undefined ? [] : [['leads', leadId] as const];
    },
  };
}

/** The keyed hashes of a captured lead's identity keys, in the order they are matched. */
function capturedKeys(event: StoredEvent, hash: IdentityHash): string[] {
  const lead = event.data as Static<typeof LeadCaptured.schema>;
  return identityKeys({ taxId: lead.company.taxId, email: lead.contact.email, phone: lead.contact.phone }).map(([kind, value]) => hash(kind, value));
}

/** The lead whose contact an erasure is of (undefined: another kind of subject). */
function erasedLead(event: StoredEvent): string | undefined {
  const { subjectId } = event.data as Static<typeof PersonalDataErased.schema>;
  return subjectId.startsWith('lead-') ? subjectId.slice('lead-'.length) : undefined;
}

/** The keyed hashes of some identities' keys (what to look up before matching them: see matchOf). */
export function identityHashes(hash: IdentityHash, identities: readonly LeadIdentity[]): string[] {
  return [...new Set(identities.flatMap((identity) => identityKeys(identity).map(([kind, value]) => hash(kind, value))))];
}

/** Finds the lead an identity matches among looked-up `keys` documents (a key's hash → lead id). */
export function matchOf(identity: LeadIdentity, hash: IdentityHash, keys: ReadonlyMap<string, unknown>): IdentityMatch | undefined {
  return firstMatch(identity, hash, (key) => keys.get(key) as string | undefined);
}

export interface IdentityMatch {
  readonly leadId: string;
  readonly matchedOn: MatchedOn;
}

/** The lead the first of an identity's keys points at, as `leadOf` tells by the key's hash. */
function firstMatch(identity: LeadIdentity, hash: IdentityHash, leadOf: (key: string) => string | undefined): IdentityMatch | undefined {
  for (const [kind, value] of identityKeys(identity)) {
    const leadId = leadOf(hash(kind, value));
    if (leadId !== undefined) return { leadId, matchedOn: kind };
  }
  return undefined;
}

/** Leads by identity key, in memory: the rows of one import, each checked against the rows before it. */
export class LeadIdentityIndex {
  private readonly byKey = new Map<string, string>();

  constructor(private readonly hash: IdentityHash = CLEAR_IDENTITY) {}

  remember(leadId: string, identity: LeadIdentity): void {
    for (const [kind, value] of identityKeys(identity)) {
      const key = this.hash(kind, value);
      if (!this.byKey.has(key)) this.byKey.set(key, leadId);
    }
  }

  find(identity: LeadIdentity): IdentityMatch | undefined {
    return firstMatch(identity, this.hash, (key) => this.byKey.get(key));
  }
}
