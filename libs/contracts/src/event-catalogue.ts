/**
 * The catalogue: every event type of Sales-ops, with its schema and version. What other teams code
 * against; what the command path checks every new event against; what Kafka's AsyncAPI is made from.
 */
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import type { EventDefinition } from './event-definition';
import { ACCOUNT_EVENTS } from './account-management/account.events';
import { DEAL_EVENTS } from './deal-closing/deal.events';
import { CALL_SCRIPT_EVENTS } from './prospecting/call-script.events';
import { LEAD_EVENTS } from './prospecting/lead.events';
import { PLAN_AND_TASK_EVENTS } from './sales-management/plan-and-task.events';
import { REP_EVENTS } from './sales-management/rep.events';
import { PRIVACY_EVENTS } from './privacy/privacy.events';
import { personalFieldPaths, type PersonalDataRule, type PersonalFieldPath } from './privacy/personal-data';

export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ...LEAD_EVENTS,
  ...CALL_SCRIPT_EVENTS,
  ...DEAL_EVENTS,
  ...ACCOUNT_EVENTS,
  ...REP_EVENTS,
  ...PLAN_AND_TASK_EVENTS,
  ...PRIVACY_EVENTS,
];

/** An event whose data breaks its schema: a bug in the code that made it, never a client's mistake. */
export class EventSchemaViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(`${eventType} does not match its schema: ${problems.join('; ')}`);
    this.name = 'EventSchemaViolationError';
  }
}

interface CatalogueEntry {
  readonly definition: EventDefinition;
  readonly check: TypeCheck<TSchema>;
}

const entries = new Map<string, CatalogueEntry>(
  EVENT_CATALOGUE.map((definition) => [definition.type, { definition, check: TypeCompiler.Compile(definition.schema) }]),
);

/** The schema version events of `type` are read at; undefined for a type outside the catalogue. */
export function currentSchemaVersion(type: string): number | undefined {
  return entries.get(type)?.definition.schemaVersion;
}

/**
 * Data of `type` stored at schema `version`, brought to the current version by the type's upcasters (the
 * data itself when it is current, newer, or of a type outside the catalogue).
 */
export function upcastEventData(type: string, version: number, data: unknown): unknown {
  const definition = entries.get(type)?.definition;
  if (definition === undefined) return data;
  let upcast = data;
  for (let from = version; from < definition.schemaVersion; from++) {
    const step = definition.upcasters?.[from - 1];
    if (step === undefined) throw new Error(`${type}: no upcaster from schema version ${from} to ${from + 1}`);
    upcast = step(upcast as Record<string, unknown>);
  }
  return upcast;
}

/** What the store must protect in an event of one type: its personal fields and whose they are. */
export interface PersonalFields {
  readonly paths: readonly PersonalFieldPath[];
  readonly rule: PersonalDataRule;
}

const personalFieldsByType = new Map<string, PersonalFields>();
for (const definition of EVENT_CATALOGUE) {
  const paths = personalFieldPaths(definition.schema);
  if (paths.length === 0) continue;
  if (definition.personalData === undefined) throw new Error(`${definition.type} has personal fields but names no owner (personalData)`);
  personalFieldsByType.set(definition.type, { paths, rule: definition.personalData });
}

/** The personal fields of the current version of `type`, or undefined for a type that has none. */
export function personalFieldsOf(type: string): PersonalFields | undefined {
  return personalFieldsByType.get(type);
}

/**
 * What the ids of root subjects start with (`lead-`): an aggregate that is always its own subject, whose stream id
 * is its owner id and so its subject id.
 */
export const ROOT_OWNER_PREFIXES: readonly string[] = [
  ...new Set(
    EVENT_CATALOGUE.filter((definition) => definition.personalData?.root).map((definition) =>
      definition.personalData!.owner(new Proxy({}, { get: () => '' }) as Record<string, unknown>),
    ),
  ),
];

/** Every event type that holds personal fields. */
export const PERSONAL_EVENT_TYPES: readonly string[] = [...personalFieldsByType.keys()];

/** Event types whose events open an aggregate from another's (an owner that inherits a subject). */
export const SUBJECT_LINKING_EVENT_TYPES: readonly string[] = EVENT_CATALOGUE.filter((definition) => definition.personalData?.inheritsFrom).map((definition) => definition.type);

export function eventDefinition(type: string): EventDefinition {
  const entry = entries.get(type);
  if (!entry) throw new EventSchemaViolationError(type, ['no such event type in the catalogue']);
  return entry.definition;
}

/** Throws EventSchemaViolationError unless `data` is valid for the current version of `type`. */
export function checkEventData(type: string, data: unknown): void {
  const entry = entries.get(type);
  if (!entry) throw new EventSchemaViolationError(type, ['no such event type in the catalogue']);
  if (!entry.check.Check(data)) {
    throw new EventSchemaViolationError(
      type,
      [...entry.check.Errors(data)].slice(0, 5).map((error) => `${error.path || '/'} ${error.message}`),
    );
  }
}
