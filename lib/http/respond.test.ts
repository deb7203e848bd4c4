import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { errorResponse } from './respond';

describe('error envelope', () => {
  it('never leaks internals: unknown errors are a plain 500', async () => {
    const res = errorResponse(new Error('SQLITE_ERROR: no such table: orders at /srv/app/lib/db.ts:12'));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/SQLITE|orders|\/srv|db\.ts/);
    expect(JSON.parse(text)).toEqual({
      type: 'server_error',
      errors: [
        { code: 'internal', detail: 'Something went wrong on our side. Please try again later.', attr: null },
      ],
    });
  });

  it('translates message keys and sets Retry-After', async () => {
    const res = errorResponse(new DomainError('rate_limited', 'rateLimited', { retryAfterS: 120 }), 'de-DE');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('120');
    const body = await res.json();
    expect(body.errors[0].code).toBe('rate_limited');
    expect(body.errors[0].detail).toContain('120');
    expect(body.errors[0].detail).not.toBe('rateLimited');
  });

  it('keeps literal details and the attr of each entry', async () => {
    const res = errorResponse(
      new DomainError('invalid', 'x', {
        entries: [
          { code: 'invalid', detail: 'Enter a valid UUID.', attr: 'external_order_id' },
          { code: 'invalid', detail: 'Too big.', attr: 'account' },
        ],
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'client_error',
      errors: [
        { code: 'invalid', detail: 'Enter a valid UUID.', attr: 'external_order_id' },
        { code: 'invalid', detail: 'Too big.', attr: 'account' },
      ],
    });
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'a literal detail %s is not a message key',
    async (detail) => {
      const res = errorResponse(new DomainError('invalid', detail, { attr: 'x' }));
      expect((await res.json()).errors[0]).toEqual({ code: 'invalid', detail, attr: 'x' });
    },
  );
});
