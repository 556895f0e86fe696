/** The run's Kafka broker (started or found by global-setup.ts); fails loudly when there is none. */
export function testKafkaBrokers(): string[] {
  const brokers = process.env.SALES_OPS_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error(process.env.SALES_OPS_TEST_KAFKA_ERROR ?? 'no Kafka broker for the tests: run them with `npm test`');
  return brokers.split(',');
}

let counter = 0;

/** A topic prefix no other test (of this run or another on the same broker) uses, e.g. `t123-4-ab12cd.`. */
export function freshTopicPrefix(): string {
  return `t${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}.`;
}

/** A relay log that says nothing (the tests assert on the relay's status instead). */
export const quietRelayLog = { log: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };

/**
 * Event types by context, for synthetic histories: a stream's events belong to one context (so one topic),
 * as in Sales-ops; tests give stream i the types of context i mod 4.
 */
export const TYPES_BY_CONTEXT: readonly (readonly string[])[] = [
  ['LeadCaptured', 'LeadAssigned', 'LeadContactAttempted'],
  ['DealOpened', 'MeetingHeld', 'DealWon'],
  ['AccountOpened', 'TouchpointLogged', 'RepeatSaleWon'],
  ['RepJoined', 'SalesPlanSet'],
];
