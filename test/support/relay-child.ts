/**
 * A Kafka relay in a process of its own, for the relay's fault tests (test/kafka-relay-faults.test.ts): it
 * runs a KafkaRelay, unchanged, over a store and reports to its parent over IPC, so that the parent can kill
 * it (SIGKILL) at chosen moments:
 *   node --conditions=sales-ops-source -r ./tools/register-ts.cjs test/support/relay-child.ts \
 *     STORE_URL BROKERS TOPIC_PREFIX BATCH_SIZE [HOLD_AT]
 *
 * The relay saves its checkpoint only once Kafka has acknowledged a batch, so the call of the checkpoint
 * store's save() IS the acknowledgement: the checkpoint store handed to the relay is wrapped to report
 *   { type: 'acked', n, position }   when save() is called for the n-th batch (Kafka has it),
 *   { type: 'saved', n, position }   once that checkpoint is stored,
 *   { type: 'holding', n, position } instead of storing it, for the HOLD_AT-th batch (1-based; 0 or absent:
 *                                    never): that save() never returns, which keeps the relay between
 *                                    Kafka's acknowledgement and its checkpoint until the parent kills it,
 *   { type: 'state', state, lastError } whenever the relay's state changes.
 * The relay's own code is not touched: the hold is in the checkpoint store it is given.
 * The process exits when its parent goes (the IPC channel closes), so a failed test leaves nothing behind.
 */
import { encodePosition, openCheckpointStore, openEventStore, type CheckpointStore, type GlobalPosition } from '#libs/event-store';
import { KafkaRelay } from '../../libs/messaging/src/relay/kafka-relay';
import { openRelayLease } from '../../libs/messaging/src/relay/relay-lease';

type ChildMessage =
  | { type: 'acked' | 'saved' | 'holding'; n: number; position: string }
  | { type: 'state'; state: string; lastError: string | null };

function tell(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const [url, brokers, prefix, batchText, holdText] = process.argv.slice(2);
  if (!url || !brokers || prefix === undefined || !batchText) throw new Error('usage: relay-child.ts STORE_URL BROKERS TOPIC_PREFIX BATCH_SIZE [HOLD_AT]');
  const holdAt = Number(holdText ?? 0);
  const store = await openEventStore(url);
  const checkpoints = await openCheckpointStore(url);
  let saves = 0;
  const reporting: CheckpointStore = {
    load: (name) => checkpoints.load(name),
    reset: (name) => checkpoints.reset(name),
    close: () => checkpoints.close(),
    async save(name: string, position: GlobalPosition): Promise<void> {
      const n = ++saves;
      const at = encodePosition(position);
      tell({ type: 'acked', n, position: at });
      if (n === holdAt) {
        tell({ type: 'holding', n, position: at });
        return new Promise<void>(() => undefined);
      }
      await checkpoints.save(name, position);
      tell({ type: 'saved', n, position: at });
    },
  };
  const relay = new KafkaRelay(
    store,
    reporting,
    openRelayLease(url, 'kafka-relay'),
    { brokers: brokers.split(','), topicPrefix: prefix, batchSize: Number(batchText), leaseRetryMs: 100 },
    {
      log: () => undefined,
      warn: (message) => process.stderr.write(`relay-child warn: ${message}\n`),
      error: (message) => process.stderr.write(`relay-child error: ${message}\n`),
    },
  );
  let last = '';
  setInterval(() => {
    const { state, lastError } = relay.status();
    if (`${state}|${lastError}` !== last) {
      last = `${state}|${lastError}`;
      tell({ type: 'state', state, lastError });
    }
  }, 20);
  relay.start();
}

process.on('disconnect', () => process.exit(2));
main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
