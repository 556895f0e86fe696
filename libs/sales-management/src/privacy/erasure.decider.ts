/**
 * A data subject's erasure (stream `privacy-<subjectId>`): recorded once. The key is destroyed by the handler,
 * outside the decider (the store's key table is no event); this records that it was, who asked and why.
 */
import { invalidTransition, type Decider } from '#libs/event-sourcing';
import type { Actor, PrivacyEvent } from '#libs/contracts';

export interface ErasePersonalData {
  readonly type: 'ErasePersonalData';
  readonly by: Actor;
  readonly subjectId: string;
  readonly reason: PrivacyEvent['data']['reason'];
  readonly retention?: PrivacyEvent['data']['retention'];
}

export type ErasureState = { readonly status: 'kept' } | { readonly status: 'erased'; readonly reason: string };

export const erasureDecider: Decider<ErasePersonalData, PrivacyEvent, ErasureState> = {
  initialState: { status: 'kept' },
  evolve: (_state, event) => ({ status: 'erased', reason: event.data.reason }),
  decide({ subjectId, reason, retention }, state) {
    // Erasing again changes nothing: the handler answers with the first erasure.
    if (state.status === 'erased') return [];
    if (reason === 'retention' && retention === undefined) throw invalidTransition('retention-rule-missing', 'an erasure by retention names its rule');
    return [{ type: 'PersonalDataErased', data: { subjectId, reason, ...(retention ? { retention } : {}) } }];
  },
};
