import { describe, expect, it } from 'vitest';
import { infoQuerySchema } from '@/lib/schemas/info-query';
import { resolveLookup } from './lookup';

const lookupOf = (q: Record<string, string>) => resolveLookup(infoQuerySchema.parse(q))?.type ?? null;
const UUID = '1f0e2b84-3c36-4c6c-9d5d-2f7b0f2c0a11';

describe('lookup precedence 7, 4, 1, 2, 3, 5, 6', () => {
  const all = {
    account: '1',
    tracking_id: 'trk_1',
    tracking_number: '123',
    courier: 'dhl',
    order_number: 'A',
    external_order_id: UUID,
    external_reference: 'R',
    customer_number: 'C',
    recipient_email: 'a@b.de',
  };
  const order = [
    'tracking_id',
    'tracking_number',
    'order_number',
    'external_order_id',
    'external_reference',
    'customer_number',
    'recipient_email',
  ];

  it('takes the highest complete set', () => {
    const q: Record<string, string> = { ...all };
    for (const expected of order) {
      expect(lookupOf(q)).toBe(expected);
      if (expected === 'tracking_number') delete q.courier;
      delete q[expected];
    }
  });

  it('ignores incomplete sets', () => {
    expect(lookupOf({ tracking_number: '123' })).toBeNull();
    expect(lookupOf({ order_number: 'A' })).toBeNull();
    expect(lookupOf({ order_number: 'A', tracking_number: '1', account: '9' })).toBe('order_number');
    expect(lookupOf({ courier: 'dhl', customer_number: 'C', account: '9' })).toBe('customer_number');
  });

  it('recipient_email identifies only when nothing else does', () => {
    expect(lookupOf({ account: '1', recipient_email: 'a@b.de' })).toBe('recipient_email');
    expect(lookupOf({ account: '1', recipient_email: 'a@b.de', customer_number: 'C' })).toBe(
      'customer_number',
    );
  });

  it('tracking lookups do not need an account', () => {
    expect(resolveLookup(infoQuerySchema.parse({ tracking_number: '1', courier: 'DHL' }))).toEqual({
      type: 'tracking_number',
      value: '1',
      courier: 'dhl',
      account: undefined,
    });
  });
});
