/** The OpenAPI description of GET /deals/{dealId} (DealPage: the view folded in deal.view.ts, its history, its personal data). */
import { CreditShare, DEAL_LOSS_REASONS, DEAL_STAGES, MEETING_KINDS } from '#libs/contracts';
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
  number,
  object,
  personalDataSchema,
  personalText,
  text,
  type Schema,
} from '#libs/platform';

const meeting = object(
  {
    dealId: text,
    meetingId: text,
    scheduledFor: instant,
    kind: enumOf(MEETING_KINDS),
    location: text,
    status: enumOf(['scheduled', 'held', 'cancelled', 'no-show']),
    outcome: enumOf(['positive', 'neutral', 'negative'], 'once held'),
    notes: personalText('what was agreed, once held'),
    cancellationReason: described(text, 'once cancelled'),
  },
  { optional: ['location', 'outcome', 'notes', 'cancellationReason'] },
);

export const DEAL_PAGE_SCHEMA: Schema = object({
  dealId: text,
  leadId: described(text, 'the lead it came from'),
  hunterId: described(text, 'the hunter who opened it'),
  company: companySchema,
  contact: contactSchema,
  estimatedValue: money,
  status: enumOf(['open', 'won', 'lost']),
  stage: enumOf(DEAL_STAGES),
  closerId: nullable(text, 'the closer it was handed to; null while the hunter works it'),
  meetings: arrayOf(meeting, 'in the order they were scheduled'),
  proposals: arrayOf(object({ dealId: text, proposalId: text, amount: money, validUntil: instant, sentAt: instant })),
  won: {
    ...object({
      dealId: text,
      amount: money,
      credit: arrayOf(object({ repId: text, role: enumOf(literalsOf(CreditShare.properties.role)), percent: number }), 'the revenue credit, adding up to 100'),
      newClient: { type: 'boolean' },
      company: companySchema,
      contact: contactSchema,
      accountId: described(text, 'the client\'s account in account-management'),
    }),
    nullable: true,
  },
  lost: {
    ...object({ dealId: text, reason: enumOf(DEAL_LOSS_REASONS), competitor: text, note: personalText('why') }, { optional: ['competitor', 'note'] }),
    nullable: true,
  },
  openedAt: instant,
  revision: described(count, 'the deal\'s revision: its ETag, for If-Match'),
  history: historySchema,
  personalData: personalDataSchema,
});
