/** The OpenAPI description of GET /leads/{leadId} (LeadPage: the view folded in lead.view.ts, its history, its personal data). */
import { ContactChannel, ContactOutcome, DisqualificationReason, LeadSource } from '#libs/contracts';
import {
  arrayOf,
  companySchema,
  contactSchema,
  count,
  described,
  enumOf,
  historySchema,
  instant,
  literalsOf,
  money,
  nullable,
  object,
  personalDataSchema,
  personalText,
  routingSchema,
  text,
  type Schema,
} from '#libs/platform';

export const LEAD_PAGE_SCHEMA: Schema = object(
  {
    leadId: text,
    company: companySchema,
    contact: contactSchema,
    source: enumOf(literalsOf(LeadSource)),
    estimatedValue: money,
    importId: described(text, 'the import it came with'),
    status: enumOf(['open', 'qualified', 'disqualified', 'handed-off']),
    leadGeneratorId: nullable(text, 'the lead generator who owns it; null until routed'),
    contactAttempts: arrayOf(
      object(
        {
          leadId: text,
          attemptNumber: count,
          channel: enumOf(literalsOf(ContactChannel)),
          outcome: enumOf(literalsOf(ContactOutcome)),
          script: object({ scriptId: text, version: count }, { description: 'the call script version used' }),
          note: personalText('what was said'),
          nextAttemptAt: described(instant, 'the callback agreed'),
          at: instant,
        },
        { optional: ['script', 'note', 'nextAttemptAt'] },
      ),
    ),
    qualification: {
      ...object({ leadId: text, budget: money, authority: text, need: text, timing: text, estimatedValue: money }),
      nullable: true,
      description: 'BANT, once qualified',
    },
    disqualification: {
      ...object({ leadId: text, reason: enumOf(literalsOf(DisqualificationReason)), note: personalText('why') }, { optional: ['note'] }),
      nullable: true,
    },
    handoff: {
      ...object({ leadId: text, hunterId: text, dealId: described(text, 'the deal the hunter works'), ...routingSchema(['least-loaded', 'named']) }),
      nullable: true,
      description: 'to which hunter, by which rule (company, contact and value as on the lead)',
    },
    capturedAt: instant,
    revision: described(count, 'the lead\'s revision: its ETag, for If-Match'),
    history: historySchema,
    personalData: personalDataSchema,
  },
  { optional: ['estimatedValue', 'importId'] },
);
