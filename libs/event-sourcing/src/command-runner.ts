/**
 * The one way a command runs: load the stream, fold it, decide, append with the revision it was loaded
 * at, and on a concurrent append start again from the load, a bounded number of times.
 */
import { performance } from 'node:perf_hooks';
import { v5 as uuidv5 } from 'uuid';
import { EventIdConflictError, WrongExpectedRevisionError, type EventStore, type NewEvent, type StoredEvent } from '#libs/event-store';
import { fold, type Decider, type DomainEvent } from './decider';
import { DomainError } from './domain-errors';
import type { Actor } from '#libs/contracts';

/** Who sent the command, on behalf of what, and when: the metadata every resulting event carries. */
export interface CommandEnvelope {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The command's own id (or the event that caused it, for a process manager); null when unknown. */
  readonly causationId: string | null;
  readonly now: Date;
  /**
   * Makes the resulting event ids deterministic, so that running the same command again (a client retry
   * with the same Idempotency-Key, a redelivered event) appends nothing new.
   */
  readonly idempotencyKey?: string;
  /**
   * The trace the command belongs to (W3C traceparent, `00-<trace id>-<span id>-<flags>`), when it is traced: every
   * resulting event carries it in its metadata, so that what follows from it (a process manager's command, a Kafka
   * consumer's handling) joins the same trace.
   */
  readonly traceparent?: string;
}

/** Knows each event type's schema: the version to stamp on it, and whether its data is valid. */
export interface EventSchemas {
  schemaVersionOf(type: string): number;
  /** Throws when `data` does not match the type's schema: a decider bug, never a client error. */
  check(event: DomainEvent): void;
  /** Brings a stored event of any schema version to the shape the decider knows. */
  upcast(event: StoredEvent): DomainEvent;
}

export interface RunOptions {
  /** The revision the client saw (If-Match): no retry, a moved stream is a conflict. */
  readonly expectedRevision?: number;
  readonly maxAttempts?: number;
  /**
   * The stream's id was minted for this command (a handler's newIdFor). Without an idempotency key it is a new
   * UUID, whose stream nobody can have written: the first attempt decides on the initial state without reading
   * it. Should the stream exist after all, the append's revision check refuses the write and the next attempt
   * reads it, as after any concurrent append. With an idempotency key the id derives from the key and the stream
   * is read as always (it holds a repeat's events).
   */
  readonly mintedId?: boolean;
  /**
   * The stream's events as the caller last saw them, from its first on (a process manager reacting to a stream's
   * first event holds it): the first attempt decides on them without reading the stream. Should the stream have
   * moved since, the append's revision check refuses the write and the next attempt reads it, as after any
   * concurrent append. Not used with `expectedRevision`, nor when they are not the stream's revisions 0, 1, 2…
   */
  readonly seen?: readonly StoredEvent[];
}

export interface CommandResult<State> {
  readonly state: State;
  /** Revision of the stream's last event after the command; -1 for a stream still empty. */
  readonly revision: number;
  readonly events: readonly DomainEvent[];
  /** False when nothing was appended: the decider decided nothing, or this was a repeat. */
  readonly written: boolean;
}

/**
 * How a command ended: its events appended (`written`); nothing to append (`unchanged`); run before with its
 * idempotency key (`repeat`); the stream moved under it past its attempts, or past the client's If-Match
 * (`conflict`); a business rule refused it (`refused`, a DomainError); anything else (`failed`).
 */
export type CommandOutcome = 'written' | 'unchanged' | 'repeat' | 'conflict' | 'refused' | 'failed';

export interface CommandObservation {
  /** The command's `type` (`CaptureLead`), or `unknown`: a bounded set of names, never an id. */
  readonly command: string;
  readonly outcome: CommandOutcome;
  readonly seconds: number;
  /** Events appended (0 unless written). */
  readonly events: number;
  /** Concurrent appends met on the way (each made the command load and decide again, or ended it). */
  readonly conflicts: number;
}

/** Told of every command run, once it ended (metrics): must not throw, and cannot change the outcome. */
export type CommandObserver = (observation: CommandObservation) => void;

const COMMAND_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** A stream's current state as its decider folds it (what a process manager reads before it sends a command). */
export type LoadState = CommandRunner['load'];

const EVENT_ID_NAMESPACE = '5f0e3c2a-8a44-4c1b-9d7e-2b6f7c1e9a10';

export class CommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly schemas: EventSchemas,
    private readonly observe?: CommandObserver,
  ) {}

  /** The current state of a stream and its revision (-1 when it has no events). */
  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; revision: number }> {
    const { state, revision } = await this.loadWithIds(decider, streamId);
    return { state, revision };
  }

  private async loadWithIds<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; revision: number; stored: Array<{ eventId: string; event: Event }> }> {
    const stored: Array<{ eventId: string; event: Event }> = [];
    let revision = -1;
    for await (const event of this.store.readStream(streamId)) {
      stored.push({ eventId: event.eventId, event: this.schemas.upcast(event) as Event });
      revision = event.streamRevision;
    }
    return { state: fold(decider, stored.map(({ event }) => event)), revision, stored };
  }

  /** What the first attempt may decide on without reading the stream (RunOptions' mintedId and seen), if anything. */
  private viewWithoutReading<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
    envelope: CommandEnvelope,
    options: RunOptions,
  ): { state: State; revision: number; stored: Array<{ eventId: string; event: Event }> } | undefined {
    if (options.mintedId === true && envelope.idempotencyKey === undefined) return { state: fold(decider, []), revision: -1, stored: [] };
    const { seen } = options;
    if (seen === undefined || options.expectedRevision !== undefined) return undefined;
    if (!seen.every((event, index) => event.streamId === streamId && event.streamRevision === index)) return undefined;
    const stored = seen.map((event) => ({ eventId: event.eventId, event: this.schemas.upcast(event) as Event }));
    return { state: fold(decider, stored.map(({ event }) => event)), revision: seen.length - 1, stored };
  }

  async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    envelope: CommandEnvelope,
    options: RunOptions = {},
  ): Promise<CommandResult<State>> {
    if (this.observe === undefined) return this.runAttempts(decider, streamId, command, envelope, options, { conflicts: 0 });
    const started = performance.now();
    const tally = { conflicts: 0 };
    const observed = (outcome: CommandOutcome, events = 0): void => {
      const type = (command as { type?: unknown } | null)?.type;
      const name = typeof type === 'string' && COMMAND_NAME.test(type) ? type : 'unknown';
      try {
        this.observe?.({ command: name, outcome, seconds: (performance.now() - started) / 1000, events, conflicts: tally.conflicts });
      } catch {
        // An observer's failure is not the command's.
      }
    };
    try {
      const result = await this.runAttempts(decider, streamId, command, envelope, options, tally);
      observed(result.written ? 'written' : result.events.length === 0 ? 'unchanged' : 'repeat', result.written ? result.events.length : 0);
      return result;
    } catch (error) {
      observed(error instanceof WrongExpectedRevisionError ? 'conflict' : error instanceof DomainError ? 'refused' : 'failed');
      throw error;
    }
  }

  private async runAttempts<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    envelope: CommandEnvelope,
    options: RunOptions,
    tally: { conflicts: number },
  ): Promise<CommandResult<State>> {
    const maxAttempts = options.expectedRevision === undefined ? (options.maxAttempts ?? 5) : 1;
    for (let attempt = 1; ; attempt++) {
      const { state, revision, stored } = (attempt === 1 ? this.viewWithoutReading(decider, streamId, envelope, options) : undefined) ?? (await this.loadWithIds(decider, streamId));
      const earlier = envelope.idempotencyKey === undefined ? [] : eventsOfEarlierRun(stored, streamId, envelope.idempotencyKey);
      // The same command ran before with this key: its events are in the stream. Answer as then.
      if (earlier.length > 0) return { state, revision, events: earlier, written: false };
      if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
        tally.conflicts += 1;
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, revision === -1 ? 'no-stream' : revision);
      }
      const decided = decider.decide(command, state);
      if (decided.length === 0) return { state, revision, events: [], written: false };
      try {
        const result = await this.store.append(streamId, decided.map((event, index) => this.toNewEvent(streamId, event, index, envelope)), {
          expectedRevision: revision === -1 ? 'no-stream' : revision,
        });
        if (!result.written) {
          // The same events were stored before (a repeat): report the stream as it is.
          return { ...(await this.load(decider, streamId)), events: decided, written: false };
        }
        return { state: decided.reduce(decider.evolve, state), revision: result.nextExpectedRevision, events: decided, written: true };
      } catch (error) {
        if (error instanceof EventIdConflictError && envelope.idempotencyKey !== undefined) {
          // Another run with this key (the other instance of a process manager, a client's retry racing its
          // first attempt) stored its events between this run's load and its append, deciding otherwise (a
          // later clock, another routing choice): the command ran once, as that run. Answer as then.
          tally.conflicts += 1;
          const now = await this.loadWithIds(decider, streamId);
          const earlier = eventsOfEarlierRun(now.stored, streamId, envelope.idempotencyKey);
          if (earlier.length > 0) return { state: now.state, revision: now.revision, events: earlier, written: false };
        }
        if (error instanceof WrongExpectedRevisionError) tally.conflicts += 1;
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  private toNewEvent(streamId: string, event: DomainEvent, index: number, envelope: CommandEnvelope): NewEvent {
    this.schemas.check(event);
    return {
      eventId: envelope.idempotencyKey === undefined ? undefined : eventIdFor(streamId, envelope.idempotencyKey, index),
      type: event.type,
      schemaVersion: this.schemas.schemaVersionOf(event.type),
      data: event.data,
      occurredAt: envelope.now,
      metadata: {
        correlationId: envelope.correlationId,
        causationId: envelope.causationId,
        actor: envelope.actor,
        ...(envelope.traceparent === undefined ? {} : { traceparent: envelope.traceparent }),
      },
    };
  }
}

/** The id of the `index`-th event a command with this idempotency key appends to this stream. */
function eventIdFor(streamId: string, idempotencyKey: string, index: number): string {
  return uuidv5(`${streamId}\u0000${idempotencyKey}\u0000${index}`, EVENT_ID_NAMESPACE);
}

/** The events an earlier run with this idempotency key appended, found by their deterministic ids. */
function eventsOfEarlierRun<Event>(stored: ReadonlyArray<{ eventId: string; event: Event }>, streamId: string, idempotencyKey: string): Event[] {
  const first = stored.findIndex(({ eventId }) => eventId === eventIdFor(streamId, idempotencyKey, 0));
  const events: Event[] = [];
  for (let index = first; first >= 0 && index < stored.length; index++) {
    if (stored[index]!.eventId !== eventIdFor(streamId, idempotencyKey, index - first)) break;
    events.push(stored[index]!.event);
  }
  return events;
}
