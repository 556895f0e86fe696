import type { EventSchemas } from '#libs/event-sourcing';
import { checkEventData, eventDefinition } from './event-catalogue';

/**
 * The catalogue as the command path needs it. Every type is at version 1 so far, so upcasting is the
 * identity; a version 2 of a type adds its upcaster here.
 */
export const catalogueEventSchemas: EventSchemas = {
  schemaVersionOf: (type) => eventDefinition(type).schemaVersion,
  check: (event) => checkEventData(event.type, event.data),
  upcast: (stored) => ({ type: stored.type, data: stored.data }),
};
