/** Call scripts (stream `call-script-<scriptId>`), versioned, written by the head of sales. */
import { Type } from '@sinclair/typebox';
import { Id, Strict, Text } from '../common.schemas';
import { defineEvent, type EventOf } from '../event-definition';

export const CallScriptPublished = defineEvent({
  type: 'CallScriptPublished',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'A version of a call script is published; lead generators record which version they used.',
  schema: Strict({
    scriptId: Id,
    version: Type.Integer({ minimum: 1 }),
    title: Text(200),
    steps: Type.Array(Text(2000), { minItems: 1, maxItems: 100 }),
  }),
});

export const CallScriptRetired = defineEvent({
  type: 'CallScriptRetired',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'The script is no longer to be used.',
  schema: Strict({ scriptId: Id, reason: Type.Optional(Text(1000)) }),
});

export const CALL_SCRIPT_EVENTS = [CallScriptPublished, CallScriptRetired] as const;

export type CallScriptEvent = EventOf<typeof CallScriptPublished> | EventOf<typeof CallScriptRetired>;
