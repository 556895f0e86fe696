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

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get(eventId: string): readonly unknown[] | undefined {
    return this.values.get(eventId);
  }

  set(eventId: string, values: readonly unknown[]): void {
    if (this.values.size >= this.capacity && !this.values.has(eventId)) {
      // The oldest entry goes (a Map keeps insertion order).
      this.values.delete(this.values.keys().next().value as string);
    }
    this.values.set(eventId, values);
  }

  delete(eventId: string): void {
    this.values.delete(eventId);
  }
}
