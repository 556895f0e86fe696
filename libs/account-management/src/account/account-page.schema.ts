/** The OpenAPI description of GET /accounts/{accountId} (AccountPage: the view folded in account.view.ts, its history, its personal data). */
import { REPEAT_SALE_KINDS, TOUCHPOINT_KINDS } from '#libs/contracts';
import {
  arrayOf,
  companySchema,
  contactSchema,
  count,
  described,
  enumOf,
  flag,
  historySchema,
  instant,
  money,
  nullable,
  object,
  personalDataSchema,
  personalText,
  routingSchema,
  text,
  type Schema,
} from '#libs/platform';

const churnLevel = enumOf(['low', 'medium', 'high']);

export const ACCOUNT_PAGE_SCHEMA: Schema = object(
  {
    accountId: text,
    dealId: described(text, 'the won deal it came from'),
    company: companySchema,
    contact: contactSchema,
    farmerId: described(text, 'the farmer it was opened for (none when no farmer was available)'),
    openingRevenue: described(money, 'the won deal\'s amount'),
    ...routingSchema(['least-loaded', 'named']),
    status: enumOf(['active', 'churned']),
    ownerId: nullable(text, 'who works it now: its farmer, or its KAM when key; null until assigned'),
    key: described(flag, 'a key account, worked by a KAM'),
    revenue: described(money, 'the opening revenue and every repeat sale won'),
    touchpoints: arrayOf(
      object(
        {
          accountId: text,
          touchpointId: text,
          kind: enumOf(TOUCHPOINT_KINDS),
          satisfaction: described(count, 'from 1 to 10'),
          note: personalText('what was said'),
          at: instant,
        },
        { optional: ['satisfaction', 'note'] },
      ),
    ),
    repeatSales: arrayOf(
      object(
        {
          accountId: text,
          repeatSaleId: text,
          kind: enumOf(REPEAT_SALE_KINDS),
          estimatedValue: money,
          description: text,
          status: enumOf(['open', 'won', 'lost']),
          wonAmount: money,
          lostReason: text,
        },
        { optional: ['description', 'wonAmount', 'lostReason'] },
      ),
    ),
    churnRisk: { ...object({ level: churnLevel, reason: text }), nullable: true, description: 'the last churn risk flagged' },
    churnReason: nullable(text, 'why the client left, once churned'),
    openedAt: instant,
    revision: described(count, 'the account\'s revision: its ETag, for If-Match'),
    history: historySchema,
    personalData: personalDataSchema,
  },
  { optional: ['farmerId'] },
);
