/** What the Account decider needs of an account's history. */
import type { Static } from '@sinclair/typebox';
import { assertNever } from '#libs/event-sourcing';
import type { AccountEvent, Money } from '#libs/contracts';

export interface ActiveAccount {
  readonly status: 'active';
  readonly accountId: string;
  /** The farmer, or the KAM of a key account; undefined until the head of sales assigns one. */
  readonly ownerId: string | undefined;
  readonly key: boolean;
  readonly revenue: Static<typeof Money>;
  readonly repeatSales: Readonly<Record<string, 'open' | 'won' | 'lost'>>;
  readonly touchpoints: number;
}

export type AccountState =
  | { readonly status: 'none' }
  | ActiveAccount
  | { readonly status: 'churned'; readonly accountId: string };

export const initialAccountState: AccountState = { status: 'none' };

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountOpened') {
    return {
      status: 'active',
      accountId: event.data.accountId,
      ownerId: event.data.farmerId,
      key: false,
      revenue: event.data.openingRevenue,
      repeatSales: {},
      touchpoints: 0,
    };
  }
  if (state.status !== 'active') return state;
  switch (event.type) {
    case 'FarmerAssigned':
      return { ...state, ownerId: event.data.farmerId };
    case 'AccountPromotedToKey':
      return { ...state, key: true, ownerId: event.data.kamId };
    case 'AccountDemotedFromKey':
      return { ...state, key: false, ownerId: event.data.farmerId };
    case 'TouchpointLogged':
      return { ...state, touchpoints: state.touchpoints + 1 };
    case 'RepeatSaleOpened':
      return { ...state, repeatSales: { ...state.repeatSales, [event.data.repeatSaleId]: 'open' } };
    case 'RepeatSaleWon':
      return {
        ...state,
        repeatSales: { ...state.repeatSales, [event.data.repeatSaleId]: 'won' },
        revenue: { ...state.revenue, amount: state.revenue.amount + event.data.amount.amount },
      };
    case 'RepeatSaleLost':
      return { ...state, repeatSales: { ...state.repeatSales, [event.data.repeatSaleId]: 'lost' } };
    case 'ChurnRiskFlagged':
      return state;
    case 'AccountChurned':
      return { status: 'churned', accountId: state.accountId };
    default:
      return assertNever(event);
  }
}
