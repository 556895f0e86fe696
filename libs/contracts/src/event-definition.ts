/**
 * How an event type is defined in the published language: its name, the context that owns it, the
 * version of its schema and the schema itself (TypeBox: a JSON Schema and a TypeScript type in one).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { PersonalDataRule } from './privacy/personal-data';

/** The three pipeline contexts, the head of sales' own, and privacy (erasures of personal data). */
export type BoundedContext = 'prospecting' | 'deal-closing' | 'account-management' | 'sales-management' | 'privacy';

export interface EventDefinition<Type extends string = string, Schema extends TSchema = TSchema> {
  readonly type: Type;
  readonly context: BoundedContext;
  /** Raised when the schema changes incompatibly; older versions are upcast on read (see `upcasters`). */
  readonly schemaVersion: number;
  readonly description: string;
  readonly schema: Schema;
  /**
   * How the data of an older version becomes this version's: `upcasters[n - 1]` takes version n to n + 1, so
   * a type at version 3 lists two. Applied where the event store decodes an event, so that every reader
   * (projections, process managers, followers, the relay, GET /events, the CLI) sees the current version.
   * An upcaster sees the data as stored, its personal fields sealed in `$pii` (see personal()): it must not move
   * or rename a personal field (add a new one instead).
   */
  readonly upcasters?: readonly Upcaster[];
  /** Whose personal data the fields marked `personal()` in the schema are: every type with such fields has one. */
  readonly personalData?: PersonalDataRule;
}

/** One step of a type's data from one schema version to the next. */
export type Upcaster = (data: Record<string, unknown>) => unknown;

export function defineEvent<Type extends string, Schema extends TSchema>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return definition;
}

/** The event a definition describes, as deciders produce and fold it. */
export interface EventOf<Definition extends EventDefinition> {
  readonly type: Definition['type'];
  readonly data: Static<Definition['schema']>;
}
