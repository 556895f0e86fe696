import { checkEventData, eventDefinition } from './event-catalogue';

/**
 * The catalogue as the command path needs it (libs/event-sourcing's EventSchemas, which it matches without
 * importing it: contracts imports no other lib). Events come out of the store already upcast to their current
 * version (the store's decoding, with upcastEventData), so `upcast` only takes the type and data.
 */
export const catalogueEventSchemas = {
  schemaVersionOf: (type: string): number => eventDefinition(type).schemaVersion,
  check: (event: { readonly type: string; readonly data: unknown }): void => checkEventData(event.type, event.data),
  upcast: (stored: { readonly type: string; readonly data: unknown }) => ({ type: stored.type, data: stored.data }),
};
