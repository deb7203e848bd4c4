import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_LOOKUPS } from '@/lib/demo/demo-data';
import { info, skipReason } from './context';

describe.skipIf(skipReason !== '')('the demo shop seeded on first start', () => {
  it('answers the documented demo lookup with the full view', async () => {
    const r = await info({
      account: 1001,
      order_number: DEMO_LOOKUPS.inTransit.order_number,
      postal_code: DEMO_LOOKUPS.inTransit.postal_code,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-access-level')).toBe('full');
    expect(r.body.trackings[0].last_delivery_status.lifecycle_status).toBe('InTransit');
  });

  it('has a multi-parcel order and a pickup with opening hours', async () => {
    const multi = await info({ account: 1001, ...DEMO_LOOKUPS.multiParcel });
    expect(multi.body.trackings.length).toBeGreaterThanOrEqual(2);
    const pickup = await info({ account: 1001, ...DEMO_LOOKUPS.pickup });
    const box = pickup.body.trackings.find(
      (t: { action_box: { type: string } | null }) => t.action_box?.type === 'pickup-location',
    ).action_box;
    expect(box.address).toBeTruthy();
    expect(box.opening_hours.length).toBeGreaterThan(0);
  });
});

describe.skipIf(skipReason !== '')('the README', () => {
  it('signed demo link opens the full view, as documented', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const link = /http:\/\/localhost:3000\/track\?(\S+)/.exec(readme)?.[1];
    expect(link).toBeTruthy();
    const params = Object.fromEntries(new URLSearchParams(link));
    const r = await info(params);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-access-level')).toBe('full');
  });
});
