import { OpenedValues } from './opened-values';

describe('OpenedValues', () => {
  it('keeps the values of the newest events up to its capacity, the oldest going first', () => {
    const recent = new OpenedValues(3);
    for (const id of ['e1', 'e2', 'e3']) recent.set(id, [id]);
    recent.set('e2', ['e2 again']);
    expect(recent.get('e2')).toEqual(['e2 again']);
    recent.set('e4', ['e4']);
    expect(recent.get('e1')).toBeUndefined();
    expect(['e2', 'e3', 'e4'].map((id) => recent.get(id))).toEqual([['e2 again'], ['e3'], ['e4']]);
    recent.delete('e3');
    expect(recent.get('e3')).toBeUndefined();
  });

  it('never holds more than its capacity, whatever is set, set again and deleted', () => {
    const recent = new OpenedValues(100);
    for (let n = 0; n < 5_000; n++) {
      recent.set(`e${n}`, [n]);
      if (n % 7 === 0) recent.delete(`e${n - 3}`);
      if (n % 11 === 0) recent.set(`e${n - 5}`, ['again']);
      expect(recent.size).toBeLessThanOrEqual(100);
    }
    expect(recent.get('e4999')).toEqual([4999]);
    expect(recent.get('e4000')).toBeUndefined();
  });
});
