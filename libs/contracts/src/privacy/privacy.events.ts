/** Events of privacy: the erasures of a data subject's personal data (stream `privacy-<subjectId>`). */
import { Type } from '@sinclair/typebox';
import { Strict } from '../common.schemas';
import { defineEvent, type EventOf } from '../event-definition';
import { SUBJECT_ID_PATTERN } from './personal-data';

/** The stream of one subject's erasure: at most one event, so that an erasure is recorded once. */
export const privacyStreamId = (subjectId: string): string => `privacy-${subjectId}`;

export const ERASURE_REASONS = ['data-subject-request', 'retention', 'other'] as const;

export const PersonalDataErased = defineEvent({
  type: 'PersonalDataErased',
  context: 'privacy',
  schemaVersion: 1,
  description:
    "A data subject's personal data was erased: its key is destroyed, so every field it encrypted reads as erased " +
    'everywhere from now on (counts and amounts stay). Holds no personal data; the actor is in the metadata.',
  schema: Strict({
    subjectId: Type.String({ pattern: SUBJECT_ID_PATTERN }),
    reason: Type.Union(ERASURE_REASONS.map((reason) => Type.Literal(reason))),
    /** For an erasure by retention: the rule and the days it keeps data. */
    retention: Type.Optional(
      Strict({
        rule: Type.Union([Type.Literal('disqualified-lead'), Type.Literal('churned-account')]),
        days: Type.Integer({ minimum: 1 }),
      }),
    ),
  }),
});

export const PRIVACY_EVENTS = [PersonalDataErased] as const;

export type PrivacyEvent = EventOf<typeof PersonalDataErased>;
