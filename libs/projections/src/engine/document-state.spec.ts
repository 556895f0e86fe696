import { DocumentState } from './document-state';

describe('DocumentState shapes documents as their collection declares', () => {
  const state = (fields: readonly string[]) => new DocumentState(['things'], true, { things: fields });

  it('puts the declared fields first, in order, absent ones as undefined, then the others as they came', () => {
    const documents = state(['id', 'name', 'count', 'a "quoted" field']);
    documents.put('things', 't1', { extra: 1, count: 2, id: 't1', another: { nested: true } });
    const stored = documents.get<Record<string, unknown>>('things', 't1')!;
    expect(Object.keys(stored)).toEqual(['id', 'name', 'count', 'a "quoted" field', 'extra', 'another']);
    expect(stored).toEqual({ id: 't1', count: 2, extra: 1, another: { nested: true } });
    expect('name' in stored && stored.name === undefined).toBe(true);
  });

  it('shapes loaded documents too, and copies rather than keeps the object put', () => {
    const documents = state(['id', 'n']);
    const loaded = { n: 1, id: 'x' };
    documents.load('things', 'x', loaded);
    const stored = documents.get<Record<string, unknown>>('things', 'x')!;
    expect(Object.keys(stored)).toEqual(['id', 'n']);
    expect(stored).not.toBe(loaded);
    expect(documents.takeChanges()).toEqual([]);
  });

  it('keeps every field of a collection that declares none', () => {
    const documents = state([]);
    documents.put('things', 'y', { b: 1, a: 2 });
    expect(Object.keys(documents.get<object>('things', 'y')!)).toEqual(['b', 'a']);
    expect(documents.takeChanges()).toEqual([{ collection: 'things', key: 'y', json: '{"b":1,"a":2}' }]);
  });
});
