/**
 * Personal data in the published language: which fields of which events hold it, and whose it is.
 *
 * A field is declared personal on its schema (`personal(schema)`, the JSON Schema keyword `x-personal`), so the
 * catalogue, the AsyncAPI document and the code read one declaration. Each event type holding such fields names
 * the aggregate they belong to (`owner`), and an aggregate opened from another (a deal from a lead, an account from
 * a deal, a task for a deal or an account) names the one it came from (`inheritsFrom`): the data subject is the
 * root of that chain — the lead's contact person (`lead-<leadId>`), or a task of its own (`task-<taskId>`).
 * Subject ids are made of aggregate ids: never of personal data.
 */
import type { TSchema } from '@sinclair/typebox';

/** The JSON Schema keyword that marks a personal field. */
export const PERSONAL_KEYWORD = 'x-personal';

/** Marks a field's schema as personal data (contact names, phones, e-mails, notes, a sole proprietor's tax id). */
export function personal<Schema extends TSchema>(schema: Schema): Schema {
  return { ...schema, [PERSONAL_KEYWORD]: true };
}

/** Whose personal data an event's fields are, as its definition states. */
export interface PersonalDataRule {
  /** The aggregate the fields belong to, e.g. `deal-<dealId>`. */
  readonly owner: (data: Record<string, unknown>) => string;
  /** The owner is always its own subject (a lead: nothing opens a lead from another aggregate). */
  readonly root?: true;
  /** The aggregate this one was opened from, whose subject it shares (undefined: none, it is a root). */
  readonly inheritsFrom?: (data: Record<string, unknown>) => string | undefined;
}

/** A personal field's path in an event's data, e.g. `['contact', 'email']`. */
export type PersonalFieldPath = readonly string[];

/** The personal fields a schema declares, as paths (objects are walked; arrays hold no personal field here). */
export function personalFieldPaths(schema: TSchema, prefix: readonly string[] = []): PersonalFieldPath[] {
  if ((schema as Record<string, unknown>)[PERSONAL_KEYWORD] === true) return [prefix];
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  return Object.entries(properties).flatMap(([name, property]) => personalFieldPaths(property, [...prefix, name]));
}

/** The id of a subject whose own aggregate is its root: `lead-<leadId>`, `task-<taskId>`. */
export const SUBJECT_ID_PATTERN = '^(lead|task)-[A-Za-z0-9][A-Za-z0-9_-]{0,99}$';
