import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalValue, parseDuration, signLink, verifyLink } from './signature';

const NOW = 1_800_000_000;

describe('link signature s', () => {
  it('matches vectors computed independently with openssl', () => {
    // printf 'v1\n1001\norder_number\nNL-10001\n4102444800' | openssl dgst -sha256 -hmac test-secret -binary | base64url
    expect(signLink('test-secret', 1001, 'order_number', 'NL-10001', 4102444800)).toBe(
      '4102444800.6iyRkS6nG9uUbZVoWB5emb9rEhb7u-Fi9N-c6mN4MSI',
    );
    const value = canonicalValue('tracking_number', '00340434161094042557', 'DHL');
    expect(value).toBe('dhl:00340434161094042557');
    expect(signLink('k2', 42, 'tracking_number', value, 1900000000)).toBe(
      '1900000000.yx0lwXc6YiwC2rZUi_Cig0qI3XvQCWOwWsPKxn5Ic_c',
    );
  });

  it('lower-cases emails before signing', () => {
    expect(canonicalValue('recipient_email', 'Jane.Doe@Example.COM')).toBe('jane.doe@example.com');
  });

  it('verifies with the current or the previous secret, not with another', () => {
    const s = signLink('old', 7, 'order_number', 'A-1', NOW + 60);
    expect(verifyLink(s, ['new', 'old'], 7, 'order_number', 'A-1', NOW)).toBe(true);
    expect(verifyLink(s, ['new', null], 7, 'order_number', 'A-1', NOW)).toBe(false);
  });

  it('rejects expired, malformed and mismatching signatures', () => {
    const s = signLink('k', 7, 'order_number', 'A-1', NOW);
    expect(verifyLink(s, ['k'], 7, 'order_number', 'A-1', NOW - 1)).toBe(true);
    expect(verifyLink(s, ['k'], 7, 'order_number', 'A-1', NOW)).toBe(false);
    expect(verifyLink(s, ['k'], 8, 'order_number', 'A-1', NOW - 1)).toBe(false);
    expect(verifyLink(s, ['k'], 7, 'external_reference', 'A-1', NOW - 1)).toBe(false);
    expect(verifyLink(s, ['k'], 7, 'order_number', 'A-2', NOW - 1)).toBe(false);
    for (const bad of ['', 'abc', `${NOW}.`, `.${s.split('.')[1]}`, `${s}=`, s.replace('.', ':'), `x${s}`]) {
      expect(verifyLink(bad, ['k'], 7, 'order_number', 'A-1', NOW - 1)).toBe(false);
    }
  });

  it('round-trips any value and fails on any changed character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.nat({ max: 42 }), (value, position) => {
        const s = signLink('secret', 1, 'external_reference', value, NOW + 10);
        expect(verifyLink(s, ['secret'], 1, 'external_reference', value, NOW)).toBe(true);
        const mac = s.split('.')[1]!;
        const i = position % mac.length;
        const flipped = mac[i] === 'A' ? 'B' : 'A';
        const tampered = `${NOW + 10}.${mac.slice(0, i)}${flipped}${mac.slice(i + 1)}`;
        expect(verifyLink(tampered, ['secret'], 1, 'external_reference', value, NOW)).toBe(false);
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
