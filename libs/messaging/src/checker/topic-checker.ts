/**
 * Reads the relay's topics from the beginning up to their current ends and checks them against the store:
 * every stored event is there (by ce_id), and each stream's events come in the order of their revisions
 * (within a topic: the order Kafka keeps is per partition).
 * Repeats are allowed (delivery is at least once: a relay that crashed before its checkpoint sends a batch
 * again) and counted; what matters is that no event is missing and that, skipping what was seen before,
 * no stream goes backwards.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { EventStore } from '#libs/event-store';
import { CE_HEADERS } from '../cloud-events';
import { allTopics } from '../topics';

export interface TopicCheckOptions {
  readonly brokers: readonly string[];
  readonly topicPrefix?: string;
  readonly kafka?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
  /** Give up reading after this long (the topics' ends are taken at the start). */
  readonly timeoutMs?: number;
}

export interface TopicCheckReport {
  readonly ok: boolean;
  readonly storedEvents: number;
  readonly messages: number;
  /** Messages whose event id was seen before (at-least-once repeats). */
  readonly repeats: number;
  /** Stored event ids with no message (at most 20 listed). */
  readonly missing: readonly string[];
  readonly missingCount: number;
  /** Streams whose revisions went backwards, with where (at most 20 listed). */
  readonly outOfOrder: readonly string[];
  /** Messages of a stream on more than one partition (a key must keep to one). */
  readonly splitStreams: readonly string[];
  /** Messages that are not Sales-ops CloudEvents (no ce_id). */
  readonly malformed: number;
}

interface Seen {
  readonly partition: string;
  revision: number;
}

export async function checkTopics(store: EventStore, options: TopicCheckOptions): Promise<TopicCheckReport> {
  const kafka = new Kafka({ clientId: 'sales-ops-topic-checker', brokers: [...options.brokers], logLevel: logLevel.NOTHING, ...options.kafka });
  const topics = allTopics(options.topicPrefix);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (!existing.has(topic)) continue;
      for (const partition of await admin.fetchTopicOffsets(topic)) {
        if (Number(partition.high) > Number(partition.low)) ends.set(`${topic}/${partition.partition}`, Number(partition.high));
      }
    }
  } finally {
    await admin.disconnect();
  }

  const ids = new Set<string>();
  const streams = new Map<string, Seen>();
  const outOfOrder: string[] = [];
  const splitStreams = new Set<string>();
  let messages = 0;
  let repeats = 0;
  let malformed = 0;
  if (ends.size > 0) {
    const groupId = `sales-ops-topic-checker-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    const pending = new Set(ends.keys());
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: topics.filter((topic) => [...ends.keys()].some((key) => key.startsWith(`${topic}/`))), fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const key = `${batch.topic}/${batch.partition}`;
          const end = ends.get(key) ?? 0;
          for (const message of batch.messages) {
            if (Number(message.offset) >= end) break;
            messages += 1;
            const id = message.headers?.[CE_HEADERS.id]?.toString();
            const revision = Number(message.headers?.[CE_HEADERS.streamrevision]?.toString());
            const stream = message.key?.toString();
            if (id === undefined || stream === undefined || !Number.isInteger(revision)) {
              malformed += 1;
              continue;
            }
            if (ids.has(id)) {
              repeats += 1;
              continue;
            }
            ids.add(id);
            // Order is kept per key within a topic (a stream's events all belong to one context, so one topic).
            const streamKey = `${batch.topic}|${stream}`;
            const seen = streams.get(streamKey);
            if (seen === undefined) streams.set(streamKey, { partition: key, revision });
            else {
              if (seen.partition !== key) splitStreams.add(stream);
              if (revision <= seen.revision && outOfOrder.length < 20) {
                outOfOrder.push(`${stream}: revision ${revision} after ${seen.revision} (${key} offset ${message.offset})`);
              }
              seen.revision = Math.max(seen.revision, revision);
            }
          }
          const last = batch.messages.at(-1);
          if (last !== undefined && Number(last.offset) >= end - 1) {
            pending.delete(key);
            if (pending.size === 0) finish();
          }
        },
      });
      const timeoutMs = options.timeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        finished,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the topics were not read to their ends within ${timeoutMs} ms (${[...pending].join(', ')} left)`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
    } finally {
      await consumer.disconnect().catch(() => undefined);
      const cleanup = kafka.admin();
      await cleanup.connect().then(() => cleanup.deleteGroups([groupId])).catch(() => undefined);
      await cleanup.disconnect().catch(() => undefined);
    }
  }

  const missing: string[] = [];
  let missingCount = 0;
  let storedEvents = 0;
  for await (const event of store.readAll()) {
    storedEvents += 1;
    if (!ids.has(event.eventId)) {
      missingCount += 1;
      if (missing.length < 20) missing.push(event.eventId);
    }
  }
  return {
    ok: missingCount === 0 && outOfOrder.length === 0 && splitStreams.size === 0 && malformed === 0,
    storedEvents,
    messages,
    repeats,
    missing,
    missingCount,
    outOfOrder,
    splitStreams: [...splitStreams].slice(0, 20),
    malformed,
  };
}
