import { describe, expect, it } from 'vitest';
import { unknownCourierWarnings } from './warnings';

describe('unknownCourierWarnings', () => {
  it('warns once per unknown code, at the first place the body names it', () => {
    expect(
      unknownCourierWarnings([
        { code: 'dhl', path: ['trackings', 0, 'courier'] },
        { code: 'my-courier', path: ['trackings', 1, 'courier'] },
        { code: 'my-courier', path: ['trackings', 2, 'courier'] },
        { code: 'hermes', path: ['trackings', 3, 'courier'] },
        { code: 'dhll', path: ['trackings', 3, 'last_mile_courier'] },
      ]),
    ).toEqual([
      {
        code: 'unknown_courier',
        detail: expect.stringContaining('"My Courier"'),
        attr: 'trackings[1].courier',
      },
      {
        code: 'unknown_courier',
        detail: expect.stringContaining('"dhll"'),
        attr: 'trackings[3].last_mile_courier',
      },
    ]);
  });

  it('says nothing when every courier is known', () => {
    expect(unknownCourierWarnings([{ code: 'royal-mail', path: [0, 'courier'] }])).toEqual([]);
  });
});
