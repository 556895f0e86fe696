/**
 * Ids one context derives from another's: the deal a handed-off lead becomes (prospecting → deal-closing) and
 * the account a won deal's new client gets (deal-closing → account-management). Derived, not drawn at random,
 * so that a repeated handoff or win (a retried command, a redelivered event) finds the same aggregate; minted
 * here, where both sides of each handoff read them.
 */
import { v5 as uuidv5 } from 'uuid';

const DEAL_ID_NAMESPACE = 'c7b0d7e4-1f8a-4a55-8d0e-5e2f3a9b6c41';
const ACCOUNT_ID_NAMESPACE = 'd5f3e4a6-7d80-4b92-8cb3-d4e5f6071823';

/** The deal a handed-off lead becomes. */
export const dealIdForLead = (leadId: string): string => uuidv5(leadId, DEAL_ID_NAMESPACE);

/** The account a won deal's new client gets: known at the win. */
export const accountIdForDeal = (dealId: string): string => uuidv5(dealId, ACCOUNT_ID_NAMESPACE);
