/**
 * The relay's producers, each on a thread of its own (producer-thread.ts). kafkajs spends most of a send
 * encoding messages and headers on the thread that calls it; the relay would otherwise read the store and
 * encode in turn, on one core. Here it reads and converts the next batch while the threads send this one,
 * and a batch is split among the threads so that they encode side by side.
 *
 * A batch is split by partition (splitSend): every message gets the partition kafkajs' DefaultPartitioner
 * gives its key, and all of a partition's messages in a batch go to one thread, in order. Per-stream (per-key)
 * order, and each partition's order, so hold as with one producer: the relay sends a batch only once Kafka
 * acknowledged every part of the one before.
 */
import { Worker } from 'node:worker_threads';
import { Partitioners, type KafkaConfig, type Message, type PartitionMetadata, type TopicMessages } from 'kafkajs';
import { workerEntry } from '#libs/event-store';
import type { ProducerThreadData, ProducerThreadReply, ProducerThreadRequest } from './producer-thread';

/** How long a thread gets to disconnect its producer before it is terminated. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Cuts a send into `parts` sends (some possibly empty): each message gets its partition (by the topic's
 * partitions, as kafkajs' DefaultPartitioner picks for its key), a partition's messages stay together and in
 * order, and the parts get about as many messages each (the largest partitions first, each to the part with
 * the fewest so far).
 */
export function splitSend(
  topicMessages: readonly TopicMessages[],
  partitionsOf: ReadonlyMap<string, readonly PartitionMetadata[]>,
  parts: number,
): TopicMessages[][] {
  const partitioner = Partitioners.DefaultPartitioner();
  const groups = new Map<string, { topic: string; messages: Message[] }>();
  for (const { topic, messages } of topicMessages) {
    const known = partitionsOf.get(topic);
    if (known === undefined || known.length === 0) throw new Error(`no partitions known for topic ${topic}`);
    const partitionMetadata = [...known];
    const byPartition = new Map<number, Message[]>();
    for (const message of messages) {
      const partition = message.partition ?? partitioner({ topic, partitionMetadata, message });
      let list = byPartition.get(partition);
      if (list === undefined) byPartition.set(partition, (list = []));
      list.push({ ...message, partition });
    }
    for (const [partition, list] of byPartition) {
      const key = `${topic}\u0000${partition}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { topic, messages: list });
      else group.messages.push(...list);
    }
  }
  const loads = Array.from({ length: parts }, () => 0);
  const byPart = Array.from({ length: parts }, () => new Map<string, Message[]>());
  for (const { topic, messages } of [...groups.values()].sort((a, b) => b.messages.length - a.messages.length)) {
    const part = loads.indexOf(Math.min(...loads));
    loads[part]! += messages.length;
    const topics = byPart[part]!;
    const list = topics.get(topic);
    if (list === undefined) topics.set(topic, messages);
    else list.push(...messages);
  }
  return byPart.map((topics) => [...topics].map(([topic, messages]) => ({ topic, messages })));
}

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

/** One producer thread: its worker, its sends waiting for Kafka, and why it stopped if it did. */
class ProducerThread {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | undefined;
  private readonly ready: Promise<void>;
  private rejectReady: ((error: Error) => void) | undefined;
  private readonly exited: Promise<void>;

  constructor(
    private readonly worker: Worker,
    readonly name: string,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.rejectReady = reject;
      worker.on('message', (reply: ProducerThreadReply) => {
        if ('ready' in reply) resolve();
        else if ('failed' in reply) this.fail(new Error(`${name} could not connect: ${reply.failed}`));
        else {
          const waiting = this.waiting.get(reply.id);
          this.waiting.delete(reply.id);
          if (reply.error === undefined) waiting?.resolve();
          else waiting?.reject(new Error(reply.error));
        }
      });
    });
    this.ready.catch(() => undefined);
    worker.on('error', (error) => this.fail(new Error(`${name} failed: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.fail(new Error(`${name} exited (code ${code})`));
        resolve();
      }),
    );
  }

  connected(): Promise<void> {
    return this.ready;
  }

  /** Hands a send to the thread, sent at once or held until released; the promise settles with Kafka's answer. */
  post(topicMessages: TopicMessages[], hold: boolean): { readonly id: number; readonly acknowledged: Promise<void> } {
    const id = this.nextId++;
    if (this.failure) return { id, acknowledged: Promise.reject(this.failure) };
    const acknowledged = new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, topicMessages, hold } satisfies ProducerThreadRequest);
    });
    return { id, acknowledged };
  }

  release(id: number): void {
    if (!this.failure) this.worker.postMessage({ release: id } satisfies ProducerThreadRequest);
  }

  /** Forgets a held send: its promise rejects with `reason`. */
  drop(id: number, reason: Error): void {
    if (!this.failure) this.worker.postMessage({ drop: id } satisfies ProducerThreadRequest);
    this.waiting.get(id)?.reject(reason);
    this.waiting.delete(id);
  }

  /** Asks the producer to disconnect; terminates the thread if it has not exited in time. */
  async close(): Promise<void> {
    if (!this.failure) this.worker.postMessage({ disconnect: true } satisfies ProducerThreadRequest);
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.rejectReady?.(this.failure);
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }
}

export class ProducerThreads {
  private constructor(private readonly threads: readonly ProducerThread[]) {}

  /** Starts `count` threads, each with a kafkajs producer on `kafka` (plain data: it is copied to each thread), connected. */
  static async start(count: number, kafka: KafkaConfig): Promise<ProducerThreads> {
    const { filename, execArgv } = workerEntry(__dirname, 'producer-thread');
    const workerData: ProducerThreadData = { kafka };
    const threads = Array.from({ length: count }, (_, index) => new ProducerThread(new Worker(filename, { workerData, execArgv }), `producer thread ${index + 1}/${count}`));
    const pool = new ProducerThreads(threads);
    try {
      await Promise.all(threads.map((thread) => thread.connected()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.threads.length;
  }

  /**
   * Sends the parts of one batch (splitSend, at most `size` parts) side by side; resolves once Kafka
   * acknowledged all. With `after`, the parts are handed to the threads at once but go out only once `after`
   * resolved (the batch before was acknowledged): the hand-over is off the critical path. If `after`
   * rejects, they never go out and this rejects with its reason.
   */
  async send(parts: readonly TopicMessages[][], after?: Promise<unknown>): Promise<void> {
    if (parts.length > this.threads.length) throw new Error(`a send cut into ${parts.length} parts for ${this.threads.length} threads`);
    const posted = parts.flatMap((part, index) => (part.length === 0 ? [] : [{ thread: this.threads[index]!, ...this.threads[index]!.post(part, after !== undefined) }]));
    for (const { acknowledged } of posted) acknowledged.catch(() => undefined);
    if (after !== undefined) {
      try {
        await after;
      } catch (error) {
        for (const { thread, id } of posted) thread.drop(id, error as Error);
        throw error;
      }
      for (const { thread, id } of posted) thread.release(id);
    }
    // Every part settles before this does: a failed part does not leave another in flight behind the next attempt.
    const results = await Promise.allSettled(posted.map(({ acknowledged }) => acknowledged));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}
