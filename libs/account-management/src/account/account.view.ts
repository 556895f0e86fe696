/** GET /accounts/{id}: an account as a person reads it, folded from its own stream. */
import type { Static } from '@sinclair/typebox';
import { assertNever } from '#libs/event-sourcing';
import type { AccountEvent, AccountOpened, ChurnRiskFlagged, Money, RepeatSaleOpened, TouchpointLogged } from '#libs/contracts';

export interface AccountView extends Static<typeof AccountOpened.schema> {
  status: 'active' | 'churned';
  ownerId: string | null;
  key: boolean;
  revenue: Static<typeof Money>;
  touchpoints: Array<Static<typeof TouchpointLogged.schema> & { at: string }>;
  repeatSales: Array<Static<typeof RepeatSaleOpened.schema> & { status: 'open' | 'won' | 'lost'; wonAmount?: Static<typeof Money>; lostReason?: string }>;
  churnRisk: Omit<Static<typeof ChurnRiskFlagged.schema>, 'accountId'> | null;
  churnReason: string | null;
  openedAt: string;
  revision: number;
}

/** What a line of the account's history shows besides its type (never personal data: no touchpoint notes). */
export function accountHistoryDetail(event: AccountEvent): Record<string, string | number | null> | undefined {
  switch (event.type) {
    case 'AccountOpened':
      return { dealId: event.data.dealId, rule: event.data.rule, farmerId: event.data.farmerId ?? null, amount: event.data.openingRevenue.amount, currency: event.data.openingRevenue.currency };
    case 'FarmerAssigned':
      return { farmerId: event.data.farmerId, previousOwnerId: event.data.previousOwnerId ?? null };
    case 'AccountPromotedToKey':
      return { kamId: event.data.kamId, reason: event.data.reason, rule: event.data.rule };
    case 'AccountDemotedFromKey':
      return { farmerId: event.data.farmerId, previousOwnerId: event.data.previousOwnerId };
    case 'TouchpointLogged':
      return { kind: event.data.kind, satisfaction: event.data.satisfaction ?? null };
    case 'RepeatSaleOpened':
      return { repeatSaleId: event.data.repeatSaleId, kind: event.data.kind, amount: event.data.estimatedValue.amount, currency: event.data.estimatedValue.currency };
    case 'RepeatSaleWon':
      return { repeatSaleId: event.data.repeatSaleId, amount: event.data.amount.amount, currency: event.data.amount.currency };
    case 'RepeatSaleLost':
      return { repeatSaleId: event.data.repeatSaleId };
    case 'ChurnRiskFlagged':
      return { level: event.data.level };
    case 'AccountChurned':
      return undefined;
    default:
      return assertNever(event);
  }
}

export function foldAccountView(events: ReadonlyArray<{ event: AccountEvent; occurredAt: Date }>): AccountView | undefined {
  let view: AccountView | undefined;
  events.forEach(({ event, occurredAt }, revision) => {
    if (event.type === 'AccountOpened') {
      view = {
        ...event.data,
        status: 'active',
        ownerId: event.data.farmerId ?? null,
        key: false,
        revenue: { ...event.data.openingRevenue },
        touchpoints: [],
        repeatSales: [],
        churnRisk: null,
        churnReason: null,
        openedAt: occurredAt.toISOString(),
        revision,
      };
      return;
    }
    if (!view) return;
    view.revision = revision;
    const sale = 'repeatSaleId' in event.data ? view.repeatSales.find((each) => each.repeatSaleId === (event.data as { repeatSaleId: string }).repeatSaleId) : undefined;
    switch (event.type) {
      case 'FarmerAssigned':
        view.ownerId = event.data.farmerId;
        return;
      case 'AccountPromotedToKey':
        view.key = true;
        view.ownerId = event.data.kamId;
        return;
      case 'AccountDemotedFromKey':
        view.key = false;
        view.ownerId = event.data.farmerId;
        return;
      case 'TouchpointLogged':
        view.touchpoints.push({ ...event.data, at: occurredAt.toISOString() });
        return;
      case 'RepeatSaleOpened':
        view.repeatSales.push({ ...event.data, status: 'open' });
        return;
      case 'RepeatSaleWon':
        if (sale) Object.assign(sale, { status: 'won', wonAmount: event.data.amount });
        view.revenue.amount += event.data.amount.amount;
        return;
      case 'RepeatSaleLost':
        if (sale) Object.assign(sale, { status: 'lost', lostReason: event.data.reason });
        return;
      case 'ChurnRiskFlagged':
        view.churnRisk = { level: event.data.level, reason: event.data.reason };
        return;
      case 'AccountChurned':
        view.status = 'churned';
        view.churnReason = event.data.reason;
        return;
      default:
        return assertNever(event);
    }
  });
  return view;
}
