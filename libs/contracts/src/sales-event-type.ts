/** The catalogue as types: every event type's name and, for each, the data its current schema version holds. */
import type { Static } from '@sinclair/typebox';
import type { ACCOUNT_EVENTS } from './account-management/account.events';
import type { DEAL_EVENTS } from './deal-closing/deal.events';
import type { CALL_SCRIPT_EVENTS } from './prospecting/call-script.events';
import type { LEAD_EVENTS } from './prospecting/lead.events';
import type { PLAN_AND_TASK_EVENTS } from './sales-management/plan-and-task.events';
import type { REP_EVENTS } from './sales-management/rep.events';
import type { PRIVACY_EVENTS } from './privacy/privacy.events';

/** Every definition of the catalogue (EVENT_CATALOGUE), as a union of their exact types. */
export type CatalogueDefinition =
  | (typeof LEAD_EVENTS)[number]
  | (typeof CALL_SCRIPT_EVENTS)[number]
  | (typeof DEAL_EVENTS)[number]
  | (typeof ACCOUNT_EVENTS)[number]
  | (typeof REP_EVENTS)[number]
  | (typeof PLAN_AND_TASK_EVENTS)[number]
  | (typeof PRIVACY_EVENTS)[number];

export type SalesEventType = CatalogueDefinition['type'];

/** The data of an event of type T at its current schema version. */
export type EventDataOf<T extends SalesEventType> = Static<Extract<CatalogueDefinition, { type: T }>['schema']>;
