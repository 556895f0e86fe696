/**
 * A relay's producer thread (started by producer-threads.ts, one kafkajs producer each). kafkajs encodes
 * every message and header on the thread that sends, a CPU-bound job; on threads of their own the sends of
 * a batch run side by side and beside the relay's reading of the store.
 *
 * Protocol: the thread connects its producer and posts `{ ready: true }` (or `{ failed }`); then for every
 * `{ id, topicMessages, hold }` it sends (messages already carry their partition) — at once, or, held, when
 * `{ release: id }` comes (`{ drop: id }` forgets it) — and posts `{ id }` once Kafka acknowledged, or
 * `{ id, error }`; on `{ disconnect: true }` it disconnects and exits. The relay releases a send only after
 * the one before was acknowledged: one send at a time per producer, as an idempotent kafkajs producer needs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Kafka, type KafkaConfig, type Producer, type TopicMessages } from 'kafkajs';
import { RELAY_PRODUCER_SETTINGS, RELAY_SEND_SETTINGS } from './producer-settings';

export interface ProducerThreadData {
  readonly kafka: KafkaConfig;
}

export type ProducerThreadRequest =
  | { readonly id: number; readonly topicMessages: TopicMessages[]; readonly hold: boolean }
  | { readonly release: number }
  | { readonly drop: number }
  | { readonly disconnect: true };

export type ProducerThreadReply =
  | { readonly ready: true }
  | { readonly failed: string }
  | { readonly id: number; readonly error?: string };

async function serve(port: NonNullable<typeof parentPort>, data: ProducerThreadData): Promise<void> {
  const reply = (message: ProducerThreadReply): void => port.postMessage(message);
  let producer: Producer;
  try {
    producer = new Kafka(data.kafka).producer(RELAY_PRODUCER_SETTINGS);
    await producer.connect();
  } catch (error) {
    reply({ failed: describe(error) });
    return;
  }
  const held = new Map<number, TopicMessages[]>();
  const send = (id: number, topicMessages: TopicMessages[]): void => {
    producer.sendBatch({ ...RELAY_SEND_SETTINGS, topicMessages }).then(
      () => reply({ id }),
      (error: unknown) => reply({ id, error: describe(error) }),
    );
  };
  port.on('message', (request: ProducerThreadRequest) => {
    if ('disconnect' in request) {
      void producer.disconnect().finally(() => port.close());
    } else if ('release' in request) {
      const topicMessages = held.get(request.release);
      held.delete(request.release);
      if (topicMessages === undefined) reply({ id: request.release, error: `no send ${request.release} held` });
      else send(request.release, topicMessages);
    } else if ('drop' in request) {
      held.delete(request.drop);
    } else if (request.hold) {
      held.set(request.id, request.topicMessages);
    } else {
      send(request.id, request.topicMessages);
    }
  });
  reply({ ready: true });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (parentPort !== null) void serve(parentPort, workerData as ProducerThreadData);
