/**
 * The time-span index against the plain answer (filter every document by its span), over random
 * sequences of puts and deletes — documents that open, close, move in time and go away — and random
 * queries, through DocumentState as readers use it (the index built midway, then kept up to date).
 */
import fc from 'fast-check';
import { DocumentState } from './document-state';
import type { TimeFields } from './projection';

interface Doc {
  readonly start: number;
  readonly end: number | null;
}

const DAY = 86_400_000;
const spanOf: TimeFields = { times: ['start', 'end'], open: (doc: Doc) => doc.end === null };
const time = fc.integer({ min: 0, max: 400 }).map((days) => Date.UTC(2025, 0, 1) + days * DAY + 1234);
const doc = fc.tuple(time, fc.option(fc.integer({ min: 0, max: 200 }), { nil: null })).map(([start, length]): Doc => ({
  start,
  end: length === null ? null : start + length * DAY,
}));
const operation = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key: fc.integer({ min: 0, max: 30 }), doc }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('query' as const), from: time, length: fc.integer({ min: 0, max: 120 }) }),
);

/** Spanning a time in [from, to] (from its start to its end, or its start alone while open), or (overlapping) open and started by `to`. */
function expected(state: DocumentState, from: number, to: number, withOpen: boolean): Set<Doc> {
  const spans = (each: Doc) => each.start <= to && (each.end ?? each.start) >= from;
  return new Set([...state.values<Doc>('docs')].filter((each) => spans(each) || (withOpen && each.end === null && each.start <= to)));
}

describe('DocumentState.overlapping and holding (time-span index)', () => {
  it('returns every document whose span reaches the period (and, overlapping, every open one started by its end), each once, and only documents that exist; timeFloor bounds their times from below', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
        const state = new DocumentState(['docs'], false, {}, { docs: spanOf });
        for (const step of operations) {
          if (step.kind === 'put') state.put('docs', String(step.key), step.doc);
          else if (step.kind === 'delete') state.delete('docs', String(step.key));
          else {
            const to = step.from + step.length * DAY;
            for (const withOpen of [true, false]) {
              const answer = [...(withOpen ? state.overlapping<Doc>('docs', step.from, to) : state.holding<Doc>('docs', step.from, to))];
              expect(new Set(answer).size).toBe(answer.length);
              const existing = new Set(state.values<Doc>('docs'));
              for (const each of answer) expect(existing.has(each)).toBe(true);
              const found = new Set(answer);
              for (const each of expected(state, step.from, to, withOpen)) expect(found.has(each)).toBe(true);
            }
            // timeFloor: no later than the earliest time held, and less than a slot (2^31 ms) before it.
            const earliest = Math.min(...[...state.values<Doc>('docs')].map((each) => each.start));
            const floor = state.timeFloor('docs');
            if (Number.isFinite(earliest)) expect(floor !== undefined && floor <= earliest && earliest - floor < 2 ** 31).toBe(true);
            else expect(floor).toBeUndefined();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('changeCount grows for every period in which a changed document held or holds a time', () => {
    const windows = [0, 30, 90, 200, 350].map((day) => [Date.UTC(2025, 0, 1) + day * DAY, Date.UTC(2025, 0, 1) + (day + 20) * DAY] as const);
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const state = new DocumentState(['docs'], false, {}, { docs: spanOf });
        let counts = windows.map(([from, to]) => state.changeCount(from, to));
        for (const step of operations) {
          if (step.kind === 'query') continue;
          const key = String(step.key);
          const before = state.get<Doc>('docs', key);
          if (step.kind === 'put') state.put('docs', key, step.doc);
          else state.delete('docs', key);
          const after = state.get<Doc>('docs', key);
          const next = windows.map(([from, to]) => state.changeCount(from, to));
          windows.forEach(([from, to], i) => {
            const touched = [before?.start, before?.end, after?.start, after?.end].some((time) => typeof time === 'number' && time >= from && time <= to);
            if (touched) expect(next[i]).toBeGreaterThan(counts[i]!);
            expect(next[i]).toBeGreaterThanOrEqual(counts[i]!);
          });
          counts = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('skips documents far from the period', () => {
    const state = new DocumentState(['docs'], false, {}, { docs: spanOf });
    const at = (day: number) => Date.UTC(2025, 0, 1) + day * DAY;
    state.put('docs', 'old-closed', { start: at(0), end: at(3) });
    state.put('docs', 'old-open', { start: at(0), end: null });
    state.put('docs', 'long', { start: at(0), end: at(300) });
    state.put('docs', 'recent', { start: at(299), end: at(301) });
    state.put('docs', 'future', { start: at(500), end: null });
    const keys = (from: number, to: number) =>
      [...state.overlapping<Doc>('docs', from, to)].map((each) => [...state.values<Doc>('docs')].indexOf(each)).sort();
    expect(keys(at(290), at(320))).toEqual([1, 2, 3]);
    // The long one ends before the period once it is moved: it leaves the answer.
    state.put('docs', 'long', { start: at(0), end: at(100) });
    expect(keys(at(290), at(320))).toEqual([1, 3]);
    state.delete('docs', 'old-open');
    expect([...state.overlapping<Doc>('docs', at(290), at(320))]).toEqual([state.get('docs', 'recent')]);
  });

  it('returns the whole collection when the projection declares no span for it', () => {
    const state = new DocumentState(['docs'], false);
    state.put('docs', 'a', { start: 0, end: 1 });
    expect([...state.overlapping('docs', 10, 20)]).toHaveLength(1);
  });
});
