/** Every catalogue event has its context's topic; the catalogue's own document names the same topics. */
import { EVENT_CATALOGUE, eventCatalogueMarkdown } from '#libs/contracts';
import { ALL_TOPICS, TOPICS, UnroutableEventError, allTopics, deadLetterTopic, topicOf } from './topics';

describe('topics', () => {
  it('routes every catalogue event type to the topic of the context that owns it', () => {
    for (const definition of EVENT_CATALOGUE) expect(topicOf(definition.type)).toBe(TOPICS[definition.context]);
    expect(new Set(EVENT_CATALOGUE.map((definition) => topicOf(definition.type)))).toEqual(new Set(ALL_TOPICS));
  });

  it('refuses a type the catalogue does not know, rather than publish it nowhere', () => {
    expect(() => topicOf('SomethingHappened')).toThrow(UnroutableEventError);
  });

  it('puts a prefix before every topic, and names dead-letter topics per group', () => {
    expect(allTopics('staging.')).toEqual(ALL_TOPICS.map((topic) => `staging.${topic}`));
    expect(topicOf('DealWon', 'staging.')).toBe('staging.sales.deal-closing.v1');
    expect(deadLetterTopic('sales.deal-closing.v1', 'billing')).toBe('sales.deal-closing.v1.dlq.billing');
  });

  it('is what docs/event-catalogue.md tells readers', () => {
    const markdown = eventCatalogueMarkdown();
    for (const topic of ALL_TOPICS) expect(markdown).toContain(`\`${topic}\``);
  });
});
