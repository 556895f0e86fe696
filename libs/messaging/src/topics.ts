/**
 * Where each stored event is published: one Kafka topic per bounded context, keyed by stream id so that a
 * stream's events stay in order on one partition. The `.v1` is the envelope's version (CloudEvents binary
 * mode, see cloud-events.ts), not an event's: event schemas carry their own `schemaversion`.
 */
import { EVENT_CATALOGUE, type BoundedContext } from '#libs/contracts';

export const TOPICS: Readonly<Record<BoundedContext, string>> = {
  prospecting: 'sales.prospecting.v1',
  'deal-closing': 'sales.deal-closing.v1',
  'account-management': 'sales.account-management.v1',
  'sales-management': 'sales.management.v1',
  /** PersonalDataErased: what services that keep personal data must act on (see the consumer's onErasure). */
  privacy: 'sales.privacy.v1',
};

export const ALL_TOPICS: readonly string[] = Object.values(TOPICS);

/**
 * A prefix (KAFKA_TOPIC_PREFIX) puts a deployment's topics apart on a shared cluster, e.g. `staging.`;
 * the tests give each run its own.
 */
export function allTopics(prefix = ''): string[] {
  return ALL_TOPICS.map((topic) => prefix + topic);
}

/** Where a poison message of a topic goes after the consumer gave up on it (see the consumer library). */
export function deadLetterTopic(topic: string, group: string): string {
  return `${topic}.dlq.${group}`;
}

const contextOfType = new Map<string, BoundedContext>(EVENT_CATALOGUE.map((definition) => [definition.type, definition.context]));

/** An event type the catalogue does not know has no topic: a bug upstream, never skipped silently. */
export class UnroutableEventError extends Error {
  constructor(readonly eventType: string) {
    super(`event type ${eventType} is not in the event catalogue: it has no topic`);
    this.name = 'UnroutableEventError';
  }
}

export function topicOf(eventType: string, prefix = ''): string {
  const context = contextOfType.get(eventType);
  if (context === undefined) throw new UnroutableEventError(eventType);
  return prefix + TOPICS[context];
}
