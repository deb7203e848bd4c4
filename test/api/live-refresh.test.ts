import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { call, info, newTenant, openDb, skipReason, type Tenant, uniqueTag } from './context';

const fakeDhl = inject('fakeDhlUrl');
const carrierCalls = async (trackingNumber: string) =>
  ((await (await fetch(`${fakeDhl}/__calls?trackingNumber=${trackingNumber}`)).json()) as { calls: number })
    .calls;

describe.skipIf(skipReason !== '')(
  'live refresh through the info API (fake DHL via DHL_API_BASE_URL)',
  () => {
    let db: Db;
    let shop: Tenant;

    beforeAll(async () => {
      db = openDb();
      shop = await newTenant(db, 'Live shop');
    });
    afterAll(() => db.destroy());

    async function trackingWithOneEvent(trackingNumber: string) {
      const put = await call('/v4/track/orders/', {
        method: 'PUT',
        token: shop.write,
        body: {
          order_number: `LR-${uniqueTag()}`,
          token_only: true,
          trackings: [{ tracking_number: trackingNumber, courier: 'dhl' }],
        },
      });
      expect(put.status).toBe(201);
      await call('/v4/track/events/', {
        method: 'POST',
        token: shop.write,
        body: {
          courier: 'dhl',
          tracking_number: trackingNumber,
          event_status: 'InboundScan',
          event_timestamp: '2026-11-26T17:30:00+01:00',
        },
      });
      return { tracking_number: trackingNumber, courier: 'dhl' };
    }

    it("returns the carrier's new checkpoint and says updated", async () => {
      const lookup = await trackingWithOneEvent(`0034043${Date.now()}`);
      const before = await info(lookup);
      expect(before.body.trackings[0].supports_live_refresh).toBe(true);
      expect(before.body.trackings[0].last_delivery_status.status_code).toBe('InboundScan');
      const r = await info({ ...lookup, live_refresh: 'true' });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-live-refresh')).toBe('updated');
      expect(r.body.trackings[0].last_delivery_status.status_code).toBe('OutForDelivery');
      expect(r.body.trackings[0].checkpoints.length).toBeGreaterThanOrEqual(4);
      expect(await carrierCalls(lookup.tracking_number)).toBe(1);
      // Within a minute the carrier is not asked again.
      expect((await info({ ...lookup, live_refresh: 'true' })).headers.get('x-live-refresh')).toBe('skipped');
    });

    it.each([
      ['slow', 'DHLSLOW'],
      ['failing', 'DHL500'],
    ])('a %s carrier: stored data within the budget, and failed', async (_kind, prefix) => {
      const lookup = await trackingWithOneEvent(`${prefix}${uniqueTag()}`);
      const started = Date.now();
      const r = await info({ ...lookup, live_refresh: 'true' });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(r.status).toBe(200);
      expect(r.headers.get('x-live-refresh')).toBe('failed');
      expect(r.body.trackings[0].last_delivery_status.status_code).toBe('InboundScan');
    });
  },
);
