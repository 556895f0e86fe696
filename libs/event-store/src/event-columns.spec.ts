import { toCatchUpEvent, toPlainEvent, toStoredEvent, type EventColumns } from './event-columns';

const metadata = { correlationId: 'flow-1', causationId: null, actor: { userId: 'rep-1', role: 'hunter' } };
const row = (meta = JSON.stringify(metadata)): EventColumns => [
  7, 'id-7', 'lead-1', 2, 'LeadQualified', 1, '{"leadId":"lead-1","score":3}', meta, 1_700_000_000_000, 1_700_000_000_500, 41,
];

describe('toCatchUpEvent', () => {
  it('decodes a row as toStoredEvent does, its metadata when first read', () => {
    const lazy = toCatchUpEvent(row());
    expect(toPlainEvent(lazy)).toEqual(toStoredEvent(row()));
    expect(lazy.metadata).toEqual(metadata);
    expect(lazy.metadata).toBe(lazy.metadata); // parsed once
    expect(lazy.position).toEqual({ commit: 41, prepare: 7 });
    expect(lazy.occurredAt).toEqual(new Date(1_700_000_000_000));
  });

  it('does not parse the metadata until it is read', () => {
    const lazy = toCatchUpEvent(row('{not json'));
    expect(lazy.data).toEqual({ leadId: 'lead-1', score: 3 });
    expect(() => lazy.metadata).toThrow(SyntaxError);
  });

  it('writes the metadata to JSON like a plain event, and copies to a plain object', () => {
    const lazy = toCatchUpEvent(row());
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(toStoredEvent(row())));
    const plain = toPlainEvent(lazy);
    expect(Object.keys(plain)).toContain('metadata');
    expect(plain.metadata).toEqual(metadata);
    const stored = toStoredEvent(row());
    expect(toPlainEvent(stored)).toBe(stored);
  });
});
