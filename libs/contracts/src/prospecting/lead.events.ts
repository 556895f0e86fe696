/** Events of a Lead (stream `lead-<leadId>`), owned by prospecting. */
import { Type } from '@sinclair/typebox';
import { Id, Instant, Money, RoutingCandidate, RoutingSkip, Strict, Text } from '../common.schemas';
import { defineEvent, type EventOf } from '../event-definition';
import { personal } from '../privacy/personal-data';

/** A client company. Its tax id is personal data: a sole proprietor's (12 digits) is a person's. */
export const Company = Strict({ name: Text(300), taxId: Type.Optional(personal(Type.String({ pattern: '^\\d{10}(\\d{2})?$' }))) });

/** The client's contact person: every field personal data. */
export const Contact = Strict({
  name: Type.Optional(personal(Text(200))),
  email: Type.Optional(personal(Text(254))),
  phone: Type.Optional(personal(Text(32))),
});

export const LeadSource = Type.Union([Type.Literal('manual'), Type.Literal('web-form'), Type.Literal('import')]);

/**
 * The stream of one lead. The prospecting context writes it; other contexts read a lead's history by this name
 * (the KPI drill-down its company), and Kafka keys its events by it.
 */
export const leadStreamId = (leadId: string): string => `lead-${leadId}`;

export const LeadCaptured = defineEvent({
  type: 'LeadCaptured',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'A prospective client entered the funnel: typed in, from a web form, or imported.',
  personalData: { owner: (data) => `lead-${String(data.leadId)}`, root: true },
  schema: Strict({
    leadId: Id,
    company: Company,
    contact: Contact,
    source: LeadSource,
    estimatedValue: Type.Optional(Money),
    /** The import (file) this lead came in with, to find a whole import again. */
    importId: Type.Optional(Id),
  }),
});

export const LeadAssigned = defineEvent({
  type: 'LeadAssigned',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'A lead generator now owns the lead: chosen by a routing rule, or named by the head of sales.',
  schema: Strict({
    leadId: Id,
    leadGeneratorId: Id,
    rule: Type.Union([Type.Literal('round-robin'), Type.Literal('named')]),
    candidates: Type.Array(RoutingCandidate),
    skipped: Type.Array(RoutingSkip),
    previousLeadGeneratorId: Type.Optional(Id),
  }),
});

export const ContactChannel = Type.Union([
  Type.Literal('call'),
  Type.Literal('email'),
  Type.Literal('messenger'),
  Type.Literal('visit'),
]);

export const ContactOutcome = Type.Union([
  Type.Literal('reached'),
  Type.Literal('no-answer'),
  Type.Literal('left-message'),
  Type.Literal('callback-requested'),
  Type.Literal('wrong-contact'),
  Type.Literal('not-interested'),
]);

export const LeadContactAttempted = defineEvent({
  type: 'LeadContactAttempted',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'The lead generator tried to reach the lead, by a call script version, with an outcome.',
  personalData: { owner: (data) => `lead-${String(data.leadId)}`, root: true },
  schema: Strict({
    leadId: Id,
    attemptNumber: Type.Integer({ minimum: 1 }),
    channel: ContactChannel,
    outcome: ContactOutcome,
    script: Type.Optional(Strict({ scriptId: Id, version: Type.Integer({ minimum: 1 }) })),
    note: Type.Optional(personal(Text(2000))),
    nextAttemptAt: Type.Optional(Instant),
  }),
});

export const LeadQualified = defineEvent({
  type: 'LeadQualified',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'The lead has budget, authority, need and timing (BANT): ready for a hunter.',
  schema: Strict({
    leadId: Id,
    budget: Money,
    authority: Text(300),
    need: Text(2000),
    timing: Text(300),
    estimatedValue: Money,
  }),
});

export const DisqualificationReason = Type.Union([
  Type.Literal('no-budget'),
  Type.Literal('no-authority'),
  Type.Literal('no-need'),
  Type.Literal('bad-timing'),
  Type.Literal('unreachable'),
  Type.Literal('duplicate'),
  Type.Literal('existing-client'),
  Type.Literal('other'),
]);

export const LeadDisqualified = defineEvent({
  type: 'LeadDisqualified',
  context: 'prospecting',
  schemaVersion: 1,
  description: 'The lead will not be pursued; the reason feeds the loss analysis.',
  personalData: { owner: (data) => `lead-${String(data.leadId)}`, root: true },
  schema: Strict({ leadId: Id, reason: DisqualificationReason, note: Type.Optional(personal(Text(2000))) }),
});

export const LeadHandedOff = defineEvent({
  type: 'LeadHandedOff',
  context: 'prospecting',
  schemaVersion: 1,
  description:
    'Handoff 1: a qualified lead goes from its lead generator to a hunter, who opens the deal dealId. ' +
    'It carries what the hunter needs to start: the company, the contact and the estimated value.',
  personalData: { owner: (data) => `lead-${String(data.leadId)}`, root: true },
  schema: Strict({
    leadId: Id,
    hunterId: Id,
    dealId: Id,
    rule: Type.Union([Type.Literal('least-loaded'), Type.Literal('named')]),
    candidates: Type.Array(RoutingCandidate),
    skipped: Type.Array(RoutingSkip),
    company: Company,
    contact: Contact,
    estimatedValue: Money,
  }),
});

export const LEAD_EVENTS = [LeadCaptured, LeadAssigned, LeadContactAttempted, LeadQualified, LeadDisqualified, LeadHandedOff] as const;

export type LeadEvent =
  | EventOf<typeof LeadCaptured>
  | EventOf<typeof LeadAssigned>
  | EventOf<typeof LeadContactAttempted>
  | EventOf<typeof LeadQualified>
  | EventOf<typeof LeadDisqualified>
  | EventOf<typeof LeadHandedOff>;
