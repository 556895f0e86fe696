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

describe('DocumentState in layers', () => {
  const projection = { collections: ['things', 'others'], documentFields: {}, timeFields: {} } as unknown as Parameters<typeof DocumentState.of>[0];

  it('takes the documents changed since the last layer, deletions as undefined, and lays layers over each other', () => {
    const state = DocumentState.of(projection, true);
    state.put('things', 'a', { v: 1 });
    state.put('things', 'b', { v: 1 });
    const peeked = state.changedLayer();
    const first = state.takeLayer();
    expect(peeked).toEqual(first);
    expect(first).toEqual(new Map([['things', new Map([['a', { v: 1 }], ['b', { v: 1 }]])]]));
    state.put('things', 'a', { v: 2 });
    state.delete('things', 'b');
    state.put('others', 'c', { v: 3 });
    const second = state.takeLayer();
    expect(second.get('things')).toEqual(new Map([['a', { v: 2 }], ['b', undefined]]));
    expect(state.takeLayer()).toEqual(new Map());

    const atFirst = DocumentState.layered(projection, [first]);
    const atSecond = DocumentState.layered(projection, [first, second]);
    expect(atFirst.snapshot()).toEqual({ others: {}, things: { a: { v: 1 }, b: { v: 1 } } });
    expect(atSecond.snapshot()).toEqual(state.snapshot());
    expect(atSecond.snapshot()).toEqual({ others: { c: { v: 3 } }, things: { a: { v: 2 } } });
    // The documents are shared, not copied.
    expect(atSecond.get('things', 'a')).toBe(state.get('things', 'a'));
  });

  it('refuses a layer from a state that does not track changes', () => {
    expect(() => DocumentState.of(projection, false).takeLayer()).toThrow('tracks changes');
  });
});

describe('DocumentState loading behind its fold (background-load.ts)', () => {
  it('files a persisted document only where the fold has neither put nor deleted it since loading began, and forgets deletions after', () => {
    const state = new DocumentState(['things'], true, { things: ['id', 'v'] });
    state.load('things', 'gone', { id: 'gone', v: 0 });
    state.loadingBehind();
    state.put('things', 'new', { id: 'new', v: 2 });
    state.delete('things', 'gone');
    state.delete('things', 'never-held');
    expect(state.loadBehind('things', 'new', { id: 'new', v: 1 })).toBe(false);
    expect(state.loadBehind('things', 'gone', { id: 'gone', v: 0 })).toBe(false);
    expect(state.loadBehind('things', 'never-held', { id: 'never-held', v: 0 })).toBe(false);
    expect(state.loadBehind('things', 'old', { v: 5, id: 'old' })).toBe(true);
    expect(state.get('things', 'new')).toEqual({ id: 'new', v: 2 });
    expect(state.has('things', 'gone')).toBe(false);
    expect(Object.keys(state.get<object>('things', 'old')!)).toEqual(['id', 'v']);
    // Loaded, not changed: only the fold's own changes are persisted.
    expect(state.takeChanges().map((change) => change.key).sort()).toEqual(['gone', 'never-held', 'new']);
    state.loadedBehind();
    expect(state.loadBehind('things', 'gone', { id: 'gone', v: 0 })).toBe(true);
  });
});
