import { describe, expect, it } from 'vitest';
import { weightedList } from './weighted-list';

describe('weightedList', () => {
  it('orders by weight, then as sent, and leaves out what has weight 0', () => {
    expect(weightedList('gzip, br;q=0, zstd;q=0.5, deflate', 10)).toEqual(['gzip', 'deflate', 'zstd']);
    expect(weightedList('fr-CH, de;q=0.8, en;q=0.9, *;q=0.1', 10)).toEqual(['fr-CH', 'en', 'de', '*']);
  });

  it('reads a malformed weight as none and skips empty entries', () => {
    expect(weightedList('a;q=2, , b;q=abc, c;q=0.000', 10)).toEqual(['a', 'b']);
  });

  it('reads only the first `max` entries', () => {
    expect(weightedList(Array.from({ length: 50 }, (_, i) => `t${i}`).join(','), 3)).toEqual([
      't0',
      't1',
      't2',
    ]);
  });
});
