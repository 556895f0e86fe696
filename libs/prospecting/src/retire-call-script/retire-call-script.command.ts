import { notFound } from '#libs/event-sourcing';
import type { CallScriptEvent } from '#libs/contracts';
import type { CallScriptState } from '../call-scripts/call-script.state';

export interface RetireCallScript {
  readonly type: 'RetireCallScript';
  readonly scriptId: string;
  readonly reason?: string;
}

/** Retiring a retired script again appends nothing. */
export function decideRetireCallScript({ scriptId, reason }: RetireCallScript, state: CallScriptState): CallScriptEvent[] {
  if (state.status === 'none') throw notFound('script-not-found', `call script ${scriptId} does not exist`);
  if (state.status === 'retired') return [];
  return [{ type: 'CallScriptRetired', data: { scriptId, ...(reason ? { reason } : {}) } }];
}
