/** The department's thresholds that put an item in a work queue (DESIGN.md's queues; QUEUE_* variables). */
export interface QueueSettings {
  /** A deal with no activity for this many days is stale (head of sales). */
  readonly staleDealDays: number;
  /** A lead not attempted this many minutes after capture breaches speed-to-lead (head of sales). */
  readonly speedToLeadMinutes: number;
  /** Days between touchpoints a farmer's account expects. */
  readonly farmerTouchDays: number;
  /** Days between touchpoints a key account expects. */
  readonly kamTouchDays: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { staleDealDays: 14, speedToLeadMinutes: 60, farmerTouchDays: 30, kamTouchDays: 14 };
