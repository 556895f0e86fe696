/**
 * libs/event-sourcing — the shared way aggregates work: the Decider shape, typed domain errors and the
 * one command-running path (load, fold, decide, append, retry). It knows the EventStore port and nothing
 * of any context; the contexts depend on it, never the reverse.
 */
export { assertNever, fold, type Decider, type DomainEvent } from './decider';
export { DomainError, forbidden, invalidTransition, notFound, ruleBroken, type DomainErrorKind } from './domain-errors';
export {
  CommandRunner,
  type CommandEnvelope,
  type CommandObservation,
  type CommandObserver,
  type CommandOutcome,
  type LoadState,
  type CommandResult,
  type EventSchemas,
  type RunOptions,
} from './command-runner';
export { eventDispatch, type EventDispatch, type EventHandlers, type SalesEvent, type SealedPersonalFields } from './event-handlers';
export {
  ProcessManagerRunner,
  causedBy,
  defineProcessManager,
  type ProcessManager,
  type ProcessManagerHandlers,
  type ProcessManagerLog,
  type ProcessManagerStatus,
} from './process-manager-runner';
export { historyOf, personalDataSummary, readStreamHistory, type HistoryEntry, type PersonalDataSummary, type StreamHistoryItem } from './stream-view';
