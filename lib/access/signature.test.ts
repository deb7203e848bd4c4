import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalValue, parseDuration, signLink, type SignedLookup, verifyLink } from './signature';

const NOW = 1_800_000_000;
const A1: SignedLookup = { account: 7, lookup: 'order_number', value: 'A-1' };

describe('link signature s (v2)', () => {
  it('matches vectors computed independently with openssl', () => {
    // printf 'v2\n1001\n\norder_number\nNL-10001\n4102444800' | openssl dgst -sha256 -hmac test-secret -binary | base64url
    expect(
      signLink('test-secret', { account: 1001, lookup: 'order_number', value: 'NL-10001' }, 4102444800),
    ).toBe('4102444800.qgHy66k4Tx2yJSoCIWywWpo1auc9ZO50xq_1jNN0VPA');
    const value = canonicalValue('tracking_number', '00340434161094042557', 'DHL');
    expect(value).toBe('dhl:00340434161094042557');
    expect(signLink('k2', { account: 42, lookup: 'tracking_number', value }, 1900000000)).toBe(
      '1900000000.I0g7sGHtSaKxJxGJ3bf_41YcLi-Q2md993jPP4d52J0',
    );
    // printf 'v2\n1001\nbrandx\norder_number\nSIGCK-R12\n1900000000' | openssl …
    expect(
      signLink(
        'test-secret',
        { account: 1001, clientKey: 'brandx', lookup: 'order_number', value: 'SIGCK-R12' },
        1900000000,
      ),
    ).toBe('1900000000.weVTAg_TicxvdRNUngPbAe-Q6km6JmRjAJVLalrAo6Y');
  });

  it("matches the worked example of the project's docs, so a merchant can follow them offline", () => {
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const documented = /^s {3}= (\d+\.[\w-]{43})$/m.exec(docs)?.[1];
    expect(documented).toBe(
      signLink(
        'demo-link-secret-change-me',
        { account: 1001, clientKey: 'brandx', lookup: 'order_number', value: 'SIGCK-R12' },
        1798761600,
      ),
    );
  });

  it('binds the client key: a link for one brand does not open another, nor the bare number', () => {
    const brandx = { account: 1001, clientKey: 'brandx', lookup: 'order_number', value: 'R12' } as const;
    const s = signLink('k', brandx, NOW + 60);
    expect(verifyLink(s, ['k'], brandx, NOW)).toBe(true);
    expect(verifyLink(s, ['k'], { ...brandx, clientKey: 'brandy' }, NOW)).toBe(false);
    expect(verifyLink(s, ['k'], { ...brandx, clientKey: undefined }, NOW)).toBe(false);
    const bare = signLink('k', { ...brandx, clientKey: null }, NOW + 60);
    expect(verifyLink(bare, ['k'], brandx, NOW)).toBe(false);
  });

  it('lower-cases emails before signing', () => {
    expect(canonicalValue('recipient_email', 'Jane.Doe@Example.COM')).toBe('jane.doe@example.com');
  });

  it('verifies with the current or the previous secret, not with another', () => {
    const s = signLink('old', A1, NOW + 60);
    expect(verifyLink(s, ['new', 'old'], A1, NOW)).toBe(true);
    expect(verifyLink(s, ['new', null], A1, NOW)).toBe(false);
  });

  it('rejects expired, malformed and mismatching signatures', () => {
    const s = signLink('k', A1, NOW);
    expect(verifyLink(s, ['k'], A1, NOW - 1)).toBe(true);
    expect(verifyLink(s, ['k'], A1, NOW)).toBe(false);
    expect(verifyLink(s, ['k'], { ...A1, account: 8 }, NOW - 1)).toBe(false);
    expect(verifyLink(s, ['k'], { ...A1, lookup: 'external_reference' }, NOW - 1)).toBe(false);
    expect(verifyLink(s, ['k'], { ...A1, value: 'A-2' }, NOW - 1)).toBe(false);
    for (const bad of ['', 'abc', `${NOW}.`, `.${s.split('.')[1]}`, `${s}=`, s.replace('.', ':'), `x${s}`]) {
      expect(verifyLink(bad, ['k'], A1, NOW - 1)).toBe(false);
    }
  });

  it('accepts one spelling of expires: a leading zero is a different, invalid signature', () => {
    const s = signLink('k', A1, NOW + 60);
    expect(verifyLink(`0${s}`, ['k'], A1, NOW)).toBe(false);
    expect(verifyLink(`00${s}`, ['k'], A1, NOW)).toBe(false);
  });

  it('no longer accepts v1 signatures', () => {
    // printf 'v1\n1001\norder_number\nNL-10001\n4102444800' | openssl dgst -sha256 -hmac test-secret …
    const v1 = '4102444800.6iyRkS6nG9uUbZVoWB5emb9rEhb7u-Fi9N-c6mN4MSI';
    expect(
      verifyLink(v1, ['test-secret'], { account: 1001, lookup: 'order_number', value: 'NL-10001' }, NOW),
    ).toBe(false);
  });

  it('round-trips any value and fails on any changed character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.nat({ max: 42 }), (value, position) => {
        const signed: SignedLookup = { account: 1, lookup: 'external_reference', value };
        const s = signLink('secret', signed, NOW + 10);
        expect(verifyLink(s, ['secret'], signed, NOW)).toBe(true);
        const mac = s.split('.')[1]!;
        const i = position % mac.length;
        const flipped = mac[i] === 'A' ? 'B' : 'A';
        const tampered = `${NOW + 10}.${mac.slice(0, i)}${flipped}${mac.slice(i + 1)}`;
        expect(verifyLink(tampered, ['secret'], signed, NOW)).toBe(false);
      }),
    );
  });

  it('parses link lifetimes', () => {
    expect(parseDuration('90d')).toBe(7_776_000);
    expect(parseDuration('12h')).toBe(43_200);
    expect(parseDuration('30m')).toBe(1_800);
    expect(parseDuration('45')).toBe(45);
    expect(() => parseDuration('1w')).toThrow();
  });
});
