import type { StoredEvent } from '#libs/event-store';
import { RosterReadModel } from './roster.read-model';

let position = 0;
const event = (type: string, data: object): StoredEvent => ({
  eventId: `e${++position}`,
  type,
  schemaVersion: 1,
  streamId: 's',
  streamRevision: 0,
  position: { commit: position, prepare: position },
  occurredAt: new Date(0),
  recordedAt: new Date(0),
  data,
  metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'service' } },
});

const joined = (repId: string, role: string, capacity = 2) => event('RepJoined', { repId, name: repId, role, capacity });

describe('roster read model', () => {
  it('routes round-robin among available lead generators, skipping the absent and the full, and records why', () => {
    const roster = new RosterReadModel();
    [joined('lg-a', 'lead-generator', 1), joined('lg-b', 'lead-generator'), joined('lg-c', 'lead-generator'), joined('h-x', 'hunter')].forEach((e) => roster.apply(e));
    roster.apply(event('RepAvailabilityChanged', { repId: 'lg-b', available: false, absentUntil: '2099-01-01T00:00:00.000Z', reason: 'vacation' }));
    expect(roster.roundRobin('lead-generator')).toEqual({
      repId: 'lg-a',
      candidates: [
        { repId: 'lg-a', load: 0 },
        { repId: 'lg-c', load: 0 },
      ],
      skipped: [{ repId: 'lg-b', reason: 'absent' }],
    });
    roster.apply(event('LeadAssigned', { leadId: 'L1', leadGeneratorId: 'lg-a', rule: 'round-robin', candidates: [], skipped: [] }));
    expect(roster.roundRobin('lead-generator')).toMatchObject({
      repId: 'lg-c',
      skipped: [
        { repId: 'lg-a', reason: 'over-capacity' },
        { repId: 'lg-b', reason: 'absent' },
      ],
    });
    roster.apply(event('LeadAssigned', { leadId: 'L2', leadGeneratorId: 'lg-c', rule: 'round-robin', candidates: [], skipped: [] }));
    roster.apply(event('LeadHandedOff', { leadId: 'L1' }));
    // After lg-c the turn wraps round to lg-a, whose lead was handed off.
    expect(roster.roundRobin('lead-generator')?.repId).toBe('lg-a');
  });

  it('picks the least-loaded hunter, moves deals to closers and off on a win or loss, and forgets leavers', () => {
    const roster = new RosterReadModel();
    [joined('h-a', 'hunter', 5), joined('h-b', 'hunter', 5), joined('c-k', 'closer', 5)].forEach((e) => roster.apply(e));
    roster.apply(event('DealOpened', { dealId: 'D1', hunterId: 'h-a' }));
    roster.apply(event('DealOpened', { dealId: 'D2', hunterId: 'h-a' }));
    roster.apply(event('DealOpened', { dealId: 'D3', hunterId: 'h-b' }));
    expect(roster.leastLoaded('hunter')).toEqual({ repId: 'h-b', candidates: [{ repId: 'h-a', load: 2 }, { repId: 'h-b', load: 1 }], skipped: [] });
    roster.apply(event('DealHandedOffToCloser', { dealId: 'D1', closerId: 'c-k' }));
    roster.apply(event('DealWon', { dealId: 'D2' }));
    expect(roster.get('h-a')?.load).toBe(0);
    expect(roster.get('c-k')?.load).toBe(1);
    roster.apply(event('RepLeft', { repId: 'h-a' }));
    expect(roster.leastLoaded('hunter')).toMatchObject({ repId: 'h-b', skipped: [{ repId: 'h-a', reason: 'left' }] });
    roster.apply(event('RepRoleChanged', { repId: 'h-b', from: 'hunter', to: 'closer' }));
    roster.apply(joined('f-a', 'farmer', 5));
    roster.apply(joined('kam-a', 'kam', 5));
    roster.apply(event('AccountOpened', { accountId: 'A1', farmerId: 'f-a' }));
    expect(roster.get('f-a')?.load).toBe(1);
    roster.apply(event('AccountPromotedToKey', { accountId: 'A1', kamId: 'kam-a' }));
    expect([roster.get('f-a')?.load, roster.get('kam-a')?.load]).toEqual([0, 1]);
    roster.apply(event('AccountChurned', { accountId: 'A1' }));
    expect(roster.get('kam-a')?.load).toBe(0);
    // No hunter is left to route to.
    expect(roster.leastLoaded('hunter')).toBeUndefined();
  });
});
