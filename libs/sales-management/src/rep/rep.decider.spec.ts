import { checkEventData, type RepEvent } from '#libs/contracts';
import { given } from '../../../event-sourcing/src/decider-specification';
import { repDecider, type RepCommand } from './rep.decider';

const now = new Date('2026-04-01T10:00:00.000Z');
const joined: RepEvent = { type: 'RepJoined', data: { repId: 'h-anna', name: 'Анна Смирнова', role: 'hunter', capacity: 20 } };
const left: RepEvent = { type: 'RepLeft', data: { repId: 'h-anna' } };
const absence = (absentUntil: string): RepCommand => ({
  type: 'SetRepAvailability',
  at: now,
  availability: { repId: 'h-anna', available: false, absentUntil, reason: 'vacation' },
});

describe('Rep decider', () => {
  const emitted: RepEvent[] = [];
  const then = (history: RepEvent[], command: RepCommand, expected: RepEvent[]) => {
    given(repDecider, history).when(command).then(expected);
    emitted.push(...expected);
  };

  it('lets a rep join once', () => {
    then([], { type: 'JoinRep', rep: joined.data as never }, [joined]);
    given(repDecider, [joined]).when({ type: 'JoinRep', rep: joined.data as never }).thenRejects('invalid-transition', 'rep-exists');
  });

  it('changes a role, and does nothing for the same role', () => {
    then([joined], { type: 'ChangeRepRole', repId: 'h-anna', role: 'closer' }, [{ type: 'RepRoleChanged', data: { repId: 'h-anna', from: 'hunter', to: 'closer' } }]);
    then([joined], { type: 'ChangeRepRole', repId: 'h-anna', role: 'hunter' }, []);
  });

  it('records an absence until a future date, and the return', () => {
    then([joined], absence('2026-04-15T00:00:00.000Z'), [
      { type: 'RepAvailabilityChanged', data: { repId: 'h-anna', available: false, absentUntil: '2026-04-15T00:00:00.000Z', reason: 'vacation' } },
    ]);
    then([joined], { type: 'SetRepAvailability', at: now, availability: { repId: 'h-anna', available: true } }, [
      { type: 'RepAvailabilityChanged', data: { repId: 'h-anna', available: true } },
    ]);
    given(repDecider, [joined]).when(absence('2026-03-01T00:00:00.000Z')).thenRejects('rule-broken', 'absence-in-past', 'absentUntil');
    given(repDecider, [joined])
      .when({ type: 'SetRepAvailability', at: now, availability: { repId: 'h-anna', available: true, reason: 'vacation' } })
      .thenRejects('rule-broken', 'available-with-absence', 'absentUntil');
  });

  it('records a leaver, after whom nothing changes', () => {
    then([joined], { type: 'RecordRepLeft', repId: 'h-anna', reason: 'Переезд' }, [{ type: 'RepLeft', data: { repId: 'h-anna', reason: 'Переезд' } }]);
    given(repDecider, [joined, left]).when({ type: 'ChangeRepRole', repId: 'h-anna', role: 'closer' }).thenRejects('invalid-transition', 'rep-left');
    given(repDecider, []).when({ type: 'RecordRepLeft', repId: 'nobody' }).thenRejects('not-found', 'rep-not-found');
  });

  afterAll(() => {
    for (const event of emitted) expect(() => checkEventData(event.type, event.data)).not.toThrow();
  });
});
