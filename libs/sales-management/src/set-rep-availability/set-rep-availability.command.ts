import type { Static } from '@sinclair/typebox';
import { ruleBroken } from '#libs/event-sourcing';
import type { RepAvailabilityChanged, RepEvent } from '#libs/contracts';
import { requireActiveRep } from '../rep/rep-rules';
import type { RepState } from '../rep/rep.state';

export interface SetRepAvailability {
  readonly type: 'SetRepAvailability';
  readonly at: Date;
  readonly availability: Static<typeof RepAvailabilityChanged.schema>;
}

export function decideSetRepAvailability(command: SetRepAvailability, state: RepState): RepEvent[] {
  const { availability } = command;
  requireActiveRep(state, availability.repId);
  if (availability.available && (availability.absentUntil !== undefined || availability.reason !== undefined)) {
    throw ruleBroken('available-with-absence', 'an available rep has no absence date or reason', 'absentUntil');
  }
  if (availability.absentUntil !== undefined && Date.parse(availability.absentUntil) <= command.at.getTime()) {
    throw ruleBroken('absence-in-past', 'an absence ends in the future', 'absentUntil');
  }
  return [{ type: 'RepAvailabilityChanged', data: availability }];
}
