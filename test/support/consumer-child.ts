/**
 * A SalesEventConsumer in a process of its own, for the consumer's fault tests
 * (test/kafka-consumer-faults.test.ts): it runs the consumer, unchanged, with a PostgresInbox and a handler
 * that writes one row per event into the service's own table, and reports to its parent over IPC, so that
 * the parent can kill it (SIGKILL) at chosen moments:
 *   node --conditions=sales-ops-source -r ./tools/register-ts.cjs test/support/consumer-child.ts CONFIG_JSON
 * CONFIG_JSON: { databaseUrl, brokers, topicPrefix, groupId, schema, instance, types, holdAt }
 *   - the handler of each of `types` inserts (event_id, type, stream_id, stream_revision, instance) into
 *     `${schema}.handled`, in the inbox's transaction; the inbox is `${schema}.inbox` (both made by the parent);
 *   - holdAt (1-based, 0: never): the holdAt-th event this process handles is held (see below).
 *
 * The hold is in the inbox the consumer is given (the consumer's code is not touched): once the real
 * inbox's once() has returned true for the event (its transaction, with the inbox row and the handler's
 * row, is committed), the wrapper reports { type: 'holding', eventId, status } and never returns. The
 * consumer is then stuck between the inbox's commit and its offset commit: killed there, it leaves an event
 * handled and not committed, which Kafka must deliver again and the inbox must pass over.
 *
 * Messages to the parent:
 *   { type: 'started' }                          once start() resolved (the group is joined);
 *   { type: 'status', status }                   whenever status() changes (sampled every 20 ms);
 *   { type: 'duplicate', eventId }               when the inbox passed over an event (once() returned false);
 *   { type: 'holding', n, eventId, status }      the n-th handled event, held after its transaction;
 *   { type: 'stopped', status }                  after stop() resolved (the process then exits 0).
 * Messages from the parent:
 *   { type: 'stop' }                             stop() cleanly;
 *   { type: 'hold' }                             hold the next event handled (whatever holdAt says).
 * The process exits when its parent goes (the IPC channel closes), so a failed test leaves nothing behind.
 */
import pg from 'pg';
import { PostgresInbox, type Inbox } from '../../libs/messaging/src/consumer/inbox';
import { SalesEventConsumer, type ConsumerStatus, type SalesEventHandlers } from '../../libs/messaging/src/consumer/sales-event-consumer';

export interface ConsumerChildConfig {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topicPrefix: string;
  readonly groupId: string;
  readonly schema: string;
  readonly instance: string;
  readonly types: readonly string[];
  readonly holdAt: number;
}

export type ConsumerChildMessage =
  | { type: 'started' }
  | { type: 'status'; status: ConsumerStatus }
  | { type: 'duplicate'; eventId: string }
  | { type: 'holding'; n: number; eventId: string; status: ConsumerStatus }
  | { type: 'stopped'; status: ConsumerStatus };

function tell(message: ConsumerChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as ConsumerChildConfig;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
  const inbox = await PostgresInbox.open(pool, `${config.schema}.inbox`);

  let handledHere = 0;
  let holdNext = false;
  const holding: Inbox<pg.PoolClient> = {
    async once(group, eventId, work) {
      const handled = await inbox.once(group, eventId, work);
      if (!handled) {
        tell({ type: 'duplicate', eventId });
        return false;
      }
      handledHere += 1;
      if (handledHere === config.holdAt || holdNext) {
        tell({ type: 'holding', n: handledHere, eventId, status: consumer.status() });
        return new Promise<boolean>(() => undefined);
      }
      return true;
    },
  };

  const write = async (event: { eventId: string; type: string; streamId: string; streamRevision: number }, tx: pg.PoolClient): Promise<void> => {
    await tx.query(`INSERT INTO ${config.schema}.handled (event_id, type, stream_id, stream_revision, instance) VALUES ($1, $2, $3, $4, $5)`, [
      event.eventId,
      event.type,
      event.streamId,
      event.streamRevision,
      config.instance,
    ]);
  };
  const handlers = Object.fromEntries(config.types.map((type) => [type, write])) as SalesEventHandlers<pg.PoolClient>;

  // Used by the inbox above only once it runs, after this line.
  const consumer = new SalesEventConsumer({
    brokers: config.brokers,
    groupId: config.groupId,
    clientId: `${config.groupId}-${config.instance}`,
    topicPrefix: config.topicPrefix,
    // A killed member's partitions go to the others after 6 s (the broker's minimum), not kafkajs' 30 s.
    consumer: { sessionTimeout: 6000, heartbeatInterval: 1000 },
    handlers,
    inbox: holding,
    retryDelayMs: 50,
    log: {
      warn: (message) => process.stderr.write(`consumer-child ${config.instance} warn: ${message}\n`),
      error: (message) => process.stderr.write(`consumer-child ${config.instance} error: ${message}\n`),
    },
  });

  let last = '';
  const sampler = setInterval(() => {
    const status = consumer.status();
    const text = JSON.stringify(status);
    if (text !== last) {
      last = text;
      tell({ type: 'status', status });
    }
  }, 20);

  process.on('message', (message: { type: string }) => {
    if (message.type === 'hold') holdNext = true;
    if (message.type === 'stop') {
      void (async () => {
        await consumer.stop();
        clearInterval(sampler);
        await pool.end();
        // Exits once the last message is on its way (the parent may have gone: exit anyway).
        if (process.send) process.send({ type: 'stopped', status: consumer.status() } satisfies ConsumerChildMessage, () => process.exit(0));
        else process.exit(0);
      })().catch((error: Error) => {
        process.stderr.write(`stop failed: ${error.stack}\n`);
        process.exit(3);
      });
    }
  });

  await consumer.start();
  tell({ type: 'started' });
}

process.on('disconnect', () => process.exit(2));
main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
