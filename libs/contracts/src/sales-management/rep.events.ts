/** Events of a sales rep in the roster (stream `rep-<repId>`), owned by sales-management. */
import { Type } from '@sinclair/typebox';
import { Id, Instant, Strict, Text } from '../common.schemas';
import { defineEvent, type EventOf } from '../event-definition';

/** The roles a person in the department can hold (analysts and services are not reps). */
export const REP_ROLES = ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', 'head-of-sales'] as const;
export type RepRole = (typeof REP_ROLES)[number];
export const RepRoleSchema = Type.Union(REP_ROLES.map((role) => Type.Literal(role)));

export const ABSENCE_REASONS = ['vacation', 'sick-leave', 'training', 'other'] as const;

export const RepJoined = defineEvent({
  type: 'RepJoined',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'A person joined the department in a role, with how much work they can carry at once.',
  schema: Strict({
    repId: Id,
    name: Text(200),
    role: RepRoleSchema,
    /** Open leads, deals or accounts the rep can carry; routing skips a rep at capacity. */
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  }),
});

export const RepRoleChanged = defineEvent({
  type: 'RepRoleChanged',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'The head of sales moved a rep to another role (a hunter promoted to closer, say).',
  schema: Strict({ repId: Id, from: RepRoleSchema, to: RepRoleSchema }),
});

export const RepAvailabilityChanged = defineEvent({
  type: 'RepAvailabilityChanged',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'A rep became absent (until a date, for a reason) or is back; routing skips absent reps.',
  schema: Strict({
    repId: Id,
    available: Type.Boolean(),
    absentUntil: Type.Optional(Instant),
    reason: Type.Optional(Type.Union(ABSENCE_REASONS.map((reason) => Type.Literal(reason)))),
  }),
});

export const RepLeft = defineEvent({
  type: 'RepLeft',
  context: 'sales-management',
  schemaVersion: 1,
  description: 'A rep left the department; their work is for the head of sales to reassign.',
  schema: Strict({ repId: Id, reason: Type.Optional(Text(1000)) }),
});

export const REP_EVENTS = [RepJoined, RepRoleChanged, RepAvailabilityChanged, RepLeft] as const;

export type RepEvent =
  | EventOf<typeof RepJoined>
  | EventOf<typeof RepRoleChanged>
  | EventOf<typeof RepAvailabilityChanged>
  | EventOf<typeof RepLeft>;
