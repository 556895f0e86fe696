/**
 * Runs process managers: each follows the store through a subscription from its own checkpoint, handles
 * the events it cares about, and saves its checkpoint behind them (checkpoint-writer.ts: the newest handled
 * position, at most every CHECKPOINT_EVERY_MS, and on stop). Handling is at-least-once (a crash repeats what was
 * handled since the last save), so every handler is idempotent: deterministic ids and idempotency keys make a
 * repeated command append nothing.
 */
import type { Actor, SalesEventType } from '#libs/contracts';
import { encodePosition, type CheckpointStore, type EventStore, type GlobalPosition, type StoredEvent, type Subscription } from '#libs/event-store';
import { CheckpointWriter } from './checkpoint-writer';
import { HandlingWindow } from './handling-window';
import type { CommandEnvelope } from './command-runner';
import { DomainError } from './domain-errors';
import type { SalesEvent } from './event-handlers';

export interface ProcessManager {
  /** Also the checkpoint's name, e.g. `deal-closing.open-deal-on-handoff`. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: StoredEvent): Promise<void>;
  /**
   * How many of its events may be handled at once (default 1): never two of one stream, and its checkpoint only
   * passes an event once every event before it was handled too (handling-window.ts). For a manager whose events
   * are each another stream's and whose handling does not depend on the one before's having ended.
   */
  readonly concurrency?: number;
}

/** A process manager's reactions, keyed by the event type each reacts to. */
export type ProcessManagerHandlers = { readonly [T in SalesEventType]?: (event: SalesEvent<T>) => Promise<void> };

/** A process manager from its name and its handlers: the types it follows are theirs. */
export function defineProcessManager(name: string, on: ProcessManagerHandlers, options: Pick<ProcessManager, 'concurrency'> = {}): ProcessManager {
  const handlers = on as Readonly<Record<string, ((event: StoredEvent) => Promise<void>) | undefined>>;
  return { name, eventTypes: Object.keys(on) as SalesEventType[], handle: async (event) => handlers[event.type]?.(event), ...options };
}

/**
 * The envelope of a command a process manager runs because of `event`: same correlation, caused by the event,
 * at its business time, and keyed by its id so that a redelivered event appends nothing new.
 */
export function causedBy(event: StoredEvent, actor: Actor): CommandEnvelope {
  const { traceparent } = event.metadata;
  return {
    actor,
    correlationId: event.metadata.correlationId,
    causationId: event.eventId,
    now: event.occurredAt,
    idempotencyKey: event.eventId,
    // The event's trace goes on into what it causes.
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
  };
}

export interface ProcessManagerLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * What /health says of a process manager: `catching-up` while it works through what was stored before it
 * started (or fell behind), `live` once it has handled everything stored, `retrying` after the store or its
 * checkpoint failed (it resumes from the checkpoint by itself).
 */
export interface ProcessManagerStatus {
  readonly name: string;
  readonly state: 'starting' | 'catching-up' | 'live' | 'retrying' | 'stopped';
  /** The last event it handled ("commit/prepare"), or null before the first; its saved checkpoint follows within CHECKPOINT_EVERY_MS. */
  readonly position: string | null;
  /** Events handled since this process started. */
  readonly eventsHandled: number;
  /** Why it is retrying (the store's or the checkpoint table's error; never an event's content). */
  readonly error?: string;
}

/** Kept per manager as it runs; its checkpoint is encoded only when asked for. */
interface Progress {
  state: ProcessManagerStatus['state'];
  position: GlobalPosition | 'start';
  eventsHandled: number;
  error?: string;
}

const RETRY_FIRST_DELAY_MS = 100;
const RETRY_MAX_DELAY_MS = 10_000;

export class ProcessManagerRunner {
  private readonly subscriptions = new Set<Subscription>();
  private readonly running: Promise<void>[] = [];
  private stopped = false;
  private readonly progress = new Map<string, Progress>();

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly managers: readonly ProcessManager[],
    private readonly log: ProcessManagerLog,
  ) {}

  start(): void {
    for (const manager of this.managers) this.running.push(this.follow(manager));
  }

  /** Each manager's state, checkpoint and count, in the order they were given. */
  status(): ProcessManagerStatus[] {
    return this.managers.map(({ name }) => {
      const { state, position, eventsHandled, error } = this.progressOf(name);
      return { name, state, position: position === 'start' ? null : encodePosition(position), eventsHandled, ...(error === undefined ? {} : { error }) };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.all(this.running);
  }

  private async follow(manager: ProcessManager): Promise<void> {
    const status = this.progressOf(manager.name);
    let delay = RETRY_FIRST_DELAY_MS;
    while (!this.stopped) {
      try {
        const from = await this.checkpoints.load(manager.name);
        status.position = from;
        status.state = 'catching-up';
        delete status.error;
        const checkpoint = new CheckpointWriter(this.checkpoints, manager.name);
        let subscriptionState: ProcessManagerStatus['state'] = 'catching-up';
        // Live once the subscription has delivered everything stored and every event delivered was handled.
        const showState = (): void => {
          status.state = subscriptionState === 'live' && !handling.idle ? 'catching-up' : subscriptionState;
        };
        const handling = new HandlingWindow(manager.concurrency ?? 1, {
          completed: (event) => {
            checkpoint.handled(event.position);
            status.position = event.position;
            status.eventsHandled += 1;
            delay = RETRY_FIRST_DELAY_MS;
            showState();
          },
          // A handling failed: take no more events (the loop below ends, drain() throws it, and the manager restarts).
          failed: () => void subscription.close(),
        });
        const subscription = this.store.subscribe({
          from,
          filter: { eventTypes: manager.eventTypes },
          onStatus: ({ state }) => {
            if (state === 'closed') return;
            subscriptionState = state;
            showState();
          },
        });
        this.subscriptions.add(subscription);
        // stop() may have run while the checkpoint was loading, before this subscription existed.
        if (this.stopped) await subscription.close();
        try {
          for await (const event of subscription) {
            await handling.room(event.streamId);
            handling.start(event, this.handleOnce(manager, event));
            showState();
          }
          // Ended by stop(): what was begun ends, and what was handled is saved before the runner says it stopped.
          await handling.drain();
          await checkpoint.flush();
        } catch (error) {
          // Handled events before the failure are done: save them if the table answers (a failed save leaves the
          // writer with nothing pending), then restart from the checkpoint saved.
          await handling.drain().catch(() => undefined);
          await checkpoint.flush().catch(() => undefined);
          throw error;
        } finally {
          this.subscriptions.delete(subscription);
        }
      } catch (error) {
        if (this.stopped) break;
        // The store or the checkpoint table failed: start again from the checkpoint after a pause.
        status.state = 'retrying';
        status.error = describe(error);
        this.log.error(`${manager.name} stopped (${status.error}); resuming from its checkpoint in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, RETRY_MAX_DELAY_MS);
      }
    }
    status.state = 'stopped';
  }

  private progressOf(name: string): Progress {
    let progress = this.progress.get(name);
    if (progress === undefined) this.progress.set(name, (progress = { state: 'starting', position: 'start', eventsHandled: 0 }));
    return progress;
  }

  /**
   * A business rejection will not go away on retry: it is logged and the manager moves on, so that one
   * event cannot stop the rest. Anything else is thrown to the loop above, which retries.
   */
  private async handleOnce(manager: ProcessManager, event: StoredEvent): Promise<void> {
    try {
      await manager.handle(event);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.log.warn(`${manager.name} skipped ${event.type} ${event.eventId}: ${error.code}: ${error.message}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
