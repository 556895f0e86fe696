/**
 * `kafka-check`: reads the relay's topics back and checks them against the store (checkTopics): every stored
 * event present, each stream in order. Prints a summary (or the report as JSON); exit code 1 when the check
 * fails, so that a script or a cron job can alert on it.
 */
import type { Writable } from 'node:stream';
import type { EventStore } from '#libs/event-store';
import { checkTopics } from '#libs/messaging';
import type { KafkaSettings } from '#libs/platform';
import { CliError } from './cli-error';

export async function kafkaCheck(options: { json?: boolean }, kafka: KafkaSettings | undefined, store: EventStore, out: Writable): Promise<boolean> {
  if (kafka === undefined) throw new CliError('kafka-check needs KAFKA_BROKERS (the brokers the relay publishes to)');
  const report = await checkTopics(store, { brokers: kafka.brokers, topicPrefix: kafka.topicPrefix });
  if (options.json) {
    out.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok;
  }
  out.write(
    `${report.ok ? 'OK' : 'FAILED'}: ${report.storedEvents} stored events, ${report.messages} messages ` +
      `(${report.repeats} repeats) on ${kafka.topicPrefix}sales.*.v1\n`,
  );
  if (report.missingCount > 0) out.write(`  missing: ${report.missingCount} events, e.g. ${report.missing.join(', ')}\n`);
  for (const line of report.outOfOrder) out.write(`  out of order: ${line}\n`);
  if (report.splitStreams.length > 0) out.write(`  streams on more than one partition: ${report.splitStreams.join(', ')}\n`);
  if (report.malformed > 0) out.write(`  messages that are not Sales-ops events: ${report.malformed}\n`);
  return report.ok;
}
