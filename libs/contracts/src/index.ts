/**
 * libs/contracts — the published language: every event type, its JSON Schema (TypeBox) and version.
 * Other contexts and other teams code against this; it imports no context and no infrastructure.
 */
export * from './common.schemas';
export * from './actor';
export * from './event-definition';
export * from './derived-ids';
export * from './time';
export * from './queue-settings';
export * from './event-catalogue';
export * from './sales-event-type';
export { catalogueEventSchemas } from './catalogue-event-schemas';
export * from './prospecting/lead.events';
export * from './deal-closing/deal.events';
export * from './sales-management/rep.events';
export * from './account-management/account.events';
export * from './prospecting/call-script.events';
export * from './sales-management/plan-and-task.events';
export { eventCatalogueMarkdown } from './event-catalogue.markdown';
export * from './privacy/personal-data';
export * from './privacy/privacy.events';
