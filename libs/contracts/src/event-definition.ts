/**
 * How an event type is defined in the published language: its name, the context that owns it, the
 * version of its schema and the schema itself (TypeBox: a JSON Schema and a TypeScript type in one).
 */
import type { Static, TSchema } from '@sinclair/typebox';

export type BoundedContext = 'prospecting' | 'deal-closing' | 'account-management' | 'sales-management';

export interface EventDefinition<Type extends string = string, Schema extends TSchema = TSchema> {
  readonly type: Type;
  readonly context: BoundedContext;
  /** Raised when the schema changes incompatibly; older versions are upcast on read. */
  readonly schemaVersion: number;
  readonly description: string;
  readonly schema: Schema;
}

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
