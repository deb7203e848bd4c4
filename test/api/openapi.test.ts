import { describe, expect, it } from 'vitest';
import { call, skipReason } from './context';

describe.skipIf(skipReason !== '')('the OpenAPI document', () => {
  it.each(['/v4/openapi.json', '/v4/openapi.json/'])('GET %s answers the OpenAPI document', async (path) => {
    const r = await call(path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/v4/track/orders/info/', '/v4/track/orders/', '/v4/track/events/']),
    );
  });

  it('the document answers 405 to other methods, like every API address', async () => {
    const r = await call('/v4/openapi.json', { method: 'POST' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(r.body.errors[0].code).toBe('method_not_allowed');
  });
});
