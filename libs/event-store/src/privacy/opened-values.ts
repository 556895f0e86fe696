/**
 * The personal values of events opened (or sealed) lately, by event id: an event is immutable, so its values are
 * those for good, and a lead's capture is read again and again right after it is written — by the process
 * managers' subscriptions, the duplicate index, every command that loads the lead. Kept, each of them would open it
 * again (a decipher each time).
 *
 * Only ever used for a subject whose key the reader holds at that moment: an erased subject's events are never
 * served from here (the reader checks the key first), and its entries are dropped as they are met.
 */
const DEFAULT_CAPACITY = 10_000;

export class OpenedValues {
  private readonly values = new Map<string, readonly unknown[]>();
  /** The ids in the order they came, as a ring: the slot a new id takes holds the oldest, which goes. */
  private readonly order: Array<string | undefined>;
  private next = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {
    this.order = new Array<string | undefined>(capacity);
  }

  get(eventId: string): readonly unknown[] | undefined {
    return this.values.get(eventId);
  }

  set(eventId: string, values: readonly unknown[]): void {
    if (!this.values.has(eventId)) {
      // Not by iterating the map from its oldest entry: a map that keeps losing its first entries leaves holes there
      // that each iteration steps over again, which had made this the costliest step of an append.
      const oldest = this.order[this.next];
      if (oldest !== undefined) this.values.delete(oldest);
      this.order[this.next] = eventId;
      this.next = (this.next + 1) % this.capacity;
    }
    this.values.set(eventId, values);
  }

  delete(eventId: string): void {
    this.values.delete(eventId);
  }

  get size(): number {
    return this.values.size;
  }
}
