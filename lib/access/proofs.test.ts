import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailsMatch, normalizePostalCode, postalCodesMatch } from './proofs';

describe('postal code proof', () => {
  it.each([
    ['10115', '10115', true],
    ['10 115', '10115', true],
    ['sw1a 1aa', 'SW1A 1AA', true],
    ['SW1A-1AA', 'sw1a1aa', true],
    ['1012 AB', '1012ab', true],
    ['94103', '94103-1234', true],
    ['94103-1234', '94103', true],
    ['941031234', '94103', true],
    ['94103-1234', '94103-9999', false],
    ['94104', '94103-1234', false],
    ['10115', '10117', false],
    ['', '10115', false],
    ['10115', null, false],
    ['  ', '  ', false],
  ])('%s against stored %s → %s', (given, stored, expected) => {
    expect(postalCodesMatch(given, stored)).toBe(expected);
  });

  it('ignores any spaces and dashes and the case', () => {
    const code = fc.stringMatching(/^[A-Z0-9]{3,8}$/);
    fc.assert(
      fc.property(
        code,
        fc.array(fc.constantFrom(' ', '-', '  '), { maxLength: 3 }),
        fc.nat(),
        (c, seps, at) => {
          const i = at % (c.length + 1);
          const decorated = (c.slice(0, i) + seps.join('') + c.slice(i)).toLowerCase();
          expect(normalizePostalCode(decorated)).toBe(c);
          expect(postalCodesMatch(decorated, c)).toBe(true);
        },
      ),
    );
  });

  it('compares emails case-insensitively', () => {
    expect(emailsMatch(' Jane@Example.com', 'jane@example.COM')).toBe(true);
    expect(emailsMatch('jane@example.com', 'john@example.com')).toBe(false);
    expect(emailsMatch('jane@example.com', null)).toBe(false);
  });
});
