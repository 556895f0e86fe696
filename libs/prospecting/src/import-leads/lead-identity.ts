/** How leads are recognised as the same company or person: by tax id, email or phone, normalised. */
export type MatchedOn = 'taxId' | 'email' | 'phone';

interface LeadIdentity {
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

/** Leads by identity key, for duplicate detection; a lead whose personal data was erased is forgotten. */
export class LeadIdentityIndex {
  private readonly byKey = new Map<string, string>();
  private readonly keysOfLead = new Map<string, string[]>();

  constructor(private readonly hash: IdentityHash = (kind, normalised) => `${kind}:${normalised}`) {}

  remember(leadId: string, identity: LeadIdentity): void {
    for (const [kind, value] of identityKeys(identity)) {
      const key = this.hash(kind, value);
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, leadId);
      const keys = this.keysOfLead.get(leadId);
      if (keys) keys.push(key);
      else this.keysOfLead.set(leadId, [key]);
    }
  }

  find(identity: LeadIdentity): { leadId: string; matchedOn: MatchedOn } | undefined {
    for (const [kind, value] of identityKeys(identity)) {
      const leadId = this.byKey.get(this.hash(kind, value));
      if (leadId !== undefined) return { leadId, matchedOn: kind };
    }
    return undefined;
  }

  /** Drops a lead's keys (its contact's data was erased): a later lead with the same e-mail is no duplicate of it. */
  forget(leadId: string): void {
    for (const key of this.keysOfLead.get(leadId) ?? []) this.byKey.delete(key);
    this.keysOfLead.delete(leadId);
  }
}
