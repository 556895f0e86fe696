/**
 * When personal data is no longer needed (PRIVACY_RETENTION_DAYS): a disqualified lead's subject that many days
 * after the disqualification, a churned account's that many days after the churn. Folded from the store's
 * events (no framework, no clock of its own), so that it is rebuilt at every start and a run that stopped half
 * way is taken up by the next.
 */
import { DAY_MS } from '#libs/contracts';

export type RetentionRule = 'disqualified-lead' | 'churned-account';

export interface RetentionEvent {
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: Date;
}

export const RETENTION_EVENT_TYPES = ['LeadDisqualified', 'AccountChurned', 'PersonalDataErased'] as const;

export interface DueErasure {
  /** The aggregate whose data is no longer needed (`lead-<id>`, `account-<id>`): its subject is erased. */
  readonly ownerId: string;
  readonly rule: RetentionRule;
  readonly since: Date;
}

export class RetentionSchedule {
  private readonly pending = new Map<string, { rule: RetentionRule; since: number }>();

  apply(event: RetentionEvent): void {
    const data = event.data as Record<string, string>;
    if (event.type === 'LeadDisqualified') this.pending.set(`lead-${data.leadId}`, { rule: 'disqualified-lead', since: event.occurredAt.getTime() });
    else if (event.type === 'AccountChurned') this.pending.set(`account-${data.accountId}`, { rule: 'churned-account', since: event.occurredAt.getTime() });
    // An erased lead needs nothing more (an account's subject is its lead's: dropped when found erased at its turn).
    else if (event.type === 'PersonalDataErased') this.pending.delete(data.subjectId!);
  }

  /** What is due at `now` after `days` days, oldest first. */
  due(now: Date, days: number): DueErasure[] {
    const limit = now.getTime() - days * DAY_MS;
    return [...this.pending]
      .filter(([, entry]) => entry.since <= limit)
      .sort(([, a], [, b]) => a.since - b.since)
      .map(([ownerId, entry]) => ({ ownerId, rule: entry.rule, since: new Date(entry.since) }));
  }

  /** Done with (its subject erased, by this run or before). */
  done(ownerId: string): void {
    this.pending.delete(ownerId);
  }

  get size(): number {
    return this.pending.size;
  }
}
