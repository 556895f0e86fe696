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

/** Leads by identity key, for duplicate detection. */
export class LeadIdentityIndex {
  private readonly byKey = new Map<string, string>();

  remember(leadId: string, identity: LeadIdentity): void {
    for (const [kind, value] of identityKeys(identity)) {
      const key = `${kind}:${value}`;
      if (!this.byKey.has(key)) this.byKey.set(key, leadId);
    }
  }

  find(identity: LeadIdentity): { leadId: string; matchedOn: MatchedOn } | undefined {
    for (const [kind, value] of identityKeys(identity)) {
      const leadId = this.byKey.get(`${kind}:${value}`);
      if (leadId !== undefined) return { leadId, matchedOn: kind };
    }
    return undefined;
  }
}
