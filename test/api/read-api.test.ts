import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalValue, signLink } from '@/lib/access/signature';
import type { Db } from '@/lib/db/client';
import { setAccessPolicy } from '@/lib/db/accounts';
import { createToken, revokeToken } from '@/lib/access/tokens';
import type { LookupType } from '@/lib/status/vocabulary';
import { call, info, newTenant, openDb, sampleOrder, skipReason, type Tenant, uniqueTag } from './context';

const PII = ['Erika', 'Mustermann', 'Heidestraße', '10557', '@Example.com', '+49 30'];

describe.skipIf(skipReason !== '')('GET /v4/track/orders/info/ (access levels and errors)', () => {
  let db: Db;
  let shop: Tenant;
  let other: Tenant;
  const tag = uniqueTag();
  const order = sampleOrder(tag);
  let trackingId: string;

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db, 'Shop A');
    other = await newTenant(db, 'Shop B');
    const put = await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order });
    expect(put.status).toBe(201);
    trackingId = put.body.trackings[0].tracking_id;
    const events = await call('/v4/track/events/', {
      method: 'POST',
      token: shop.write,
      body: [
        {
          courier: 'dhl',
          tracking_number: order.trackings[0]!.tracking_number,
          event_status: 'InboundScan',
          event_timestamp: '2026-11-21T08:00:00+01:00',
          location: { city: 'Leipzig', postal_code: '04109', country_iso3: 'DEU', address: 'Hub 1' },
        },
        {
          courier: 'dhl',
          tracking_number: order.trackings[0]!.tracking_number,
          event_status: 'Delivered',
          event_timestamp: '2026-11-22T11:30:00+01:00',
          delivery_location_type: 'Neighbor',
          delivery_extra_info: 'Left with Mrs. Mustermann next door',
          event_details: 'Signed by Erika Mustermann',
        },
      ],
    });
    expect(events.status).toBe(202);
  });
  afterAll(() => db.destroy());

  const base = () => ({ account: shop.id });
  const lookups: Record<LookupType, () => Record<string, string | number>> = {
    tracking_number: () => ({ tracking_number: order.trackings[0]!.tracking_number, courier: 'dhl' }),
    tracking_id: () => ({ tracking_id: trackingId }),
    external_order_id: () => ({ ...base(), external_order_id: order.external_order_id }),
    order_number: () => ({ ...base(), order_number: order.order_number }),
    external_reference: () => ({ ...base(), external_reference: order.external_reference }),
    customer_number: () => ({ ...base(), customer_number: order.customer_number }),
    recipient_email: () => ({ ...base(), recipient_email: order.recipient_email }),
  };
  const signed = (type: LookupType) => {
    const params = lookups[type]();
    const value =
      type === 'tracking_number'
        ? canonicalValue(type, String(params.tracking_number), 'dhl')
        : canonicalValue(type, String(params[type]));
    return {
      ...params,
      s: signLink(
        shop.linkSecret,
        { account: shop.id, lookup: type, value },
        Math.floor(Date.now() / 1000) + 600,
      ),
    };
  };

  // SPEC §2 default policy: [no proof, postal code, email, valid s, token].
  const table: Array<[LookupType, string, string, string, string, string]> = [
    ['tracking_number', 'limited', 'full', 'full', 'full', 'full'],
    ['tracking_id', 'limited', 'full', 'full', 'full', 'full'],
    ['external_order_id', 'limited', 'full', 'full', 'full', 'full'],
    ['order_number', '401', 'full', 'full', 'full', 'full'],
    ['external_reference', '401', '401', '401', 'full', 'full'],
    ['customer_number', '401', '401', '401', 'full', 'full'],
    ['recipient_email', '401', '401', '-', 'full', 'full'],
  ];
  const outcome = (r: { status: number; headers: Headers }) =>
    r.status === 200 ? (r.headers.get('x-access-level') ?? '?') : String(r.status);

  for (const [type, none, postal, email, s, token] of table) {
    it(`${type}: no proof → ${none}`, async () => {
      const r = await info(lookups[type]());
      expect(outcome(r)).toBe(none);
      if (none === '401') expect(r.body.errors[0].code).toBe('verification_required');
      if (none === 'limited') {
        const text = JSON.stringify(r.body);
        for (const pii of PII) expect(text).not.toContain(pii);
        expect(r.body.trackings[0].articles).toEqual([]);
        expect(r.body.trackings[0].delivery_location).toBe('Neighbor');
      }
    });
    it(`${type}: matching postal code → ${postal}`, async () => {
      expect(outcome(await info({ ...lookups[type](), postal_code: '10 557' }))).toBe(postal);
    });
    if (email !== '-') {
      it(`${type}: matching email → ${email}`, async () => {
        expect(
          outcome(await info({ ...lookups[type](), recipient_email: order.recipient_email.toUpperCase() })),
        ).toBe(email);
      });
    }
    it(`${type}: valid s → ${s}`, async () => {
      expect(outcome(await info(signed(type)))).toBe(s);
    });
    it(`${type}: token → ${token}`, async () => {
      const r = await info(lookups[type](), { token: shop.read });
      expect(outcome(r)).toBe(token);
      expect(r.body.recipient_name).toBe('Erika Mustermann');
      expect(r.body.trackings[0].shipping_address.postal_code).toBe('10557');
    });
  }

  it('full view carries every field of the seed schema, unknowns as null', async () => {
    const r = await info({ ...lookups.order_number(), postal_code: '10557' });
    expect(Object.keys(r.body).sort()).toEqual(
      [
        'order_number',
        'client_key',
        'order_date',
        'recipient_name',
        'recipient_email',
        'destination_country_iso3',
        'trackings',
      ].sort(),
    );
    const t = r.body.trackings[0];
    for (const key of [
      'courier_info',
      'last_delivery_status',
      'delivery_location',
      'is_delayed',
      'is_exception',
      'is_return',
      'action_box',
      'recipient_postal_code',
      'identifiers_consignment',
      'shipping_address',
      'articles',
      'additional_attributes',
      'announced_delivery_date',
      'announced_delivery_date_min',
      'pod_identifier',
      'pod_signature',
      'pod_date',
      'timezone',
      'reporting_info',
      'supports_live_refresh',
      'checkpoints',
      'tracking_id',
    ]) {
      expect(t).toHaveProperty(key);
    }
    expect(t.last_delivery_status.status_code).toBe('Delivered');
    expect(t.last_delivery_status.step).toBe(5);
    expect(t.delivery_location).toContain('Neighbor');
    expect(t.checkpoints[1].status_details).toBe('Signed by Erika Mustermann');
    expect(r.body.client_key).toBeNull();
  });

  it('limited view reduces checkpoint locations to city and country', async () => {
    const r = await info({ ...lookups.tracking_number(), lang: 'en' });
    expect(r.body.trackings[0].checkpoints[0].location).toBe('Leipzig, Germany');
    expect(r.body.trackings[0].checkpoints[1].status_details).not.toContain('Erika');
  });

  it('answers with and without the trailing slash', async () => {
    const q = new URLSearchParams({ ...lookups.tracking_id() } as Record<string, string>);
    const a = await call(`/v4/track/orders/info?${q}`);
    const b = await call(`/v4/track/orders/info/?${q}`);
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it('accepts the aliases client and postal_code', async () => {
    const r = await info({ ...lookups.order_number(), client: '', postal_code: '10557' });
    // An empty alias value is invalid like any empty string.
    expect(r.status).toBe(400);
    expect(r.body.errors[0].attr).toBe('client_key');
    expect((await info({ ...lookups.order_number(), postal_code: '10557' })).status).toBe(200);
  });

  it('400 invalid: one entry per bad parameter, with attr', async () => {
    const r = await info({ account: 'abc', external_order_id: 'not-a-uuid', single_tracking: 'maybe' });
    expect(r.status).toBe(400);
    expect(r.body.type).toBe('client_error');
    const attrs = r.body.errors.map((e: { attr: string }) => e.attr).sort();
    expect(attrs).toEqual(['account', 'external_order_id', 'single_tracking']);
    expect(r.body.errors.find((e: { attr: string }) => e.attr === 'external_order_id').detail).toBe(
      'Enter a valid UUID.',
    );
    expect(r.body.errors.every((e: { code: string }) => e.code === 'invalid')).toBe(true);
  });

  it('400 lookup_required lists the accepted sets', async () => {
    const r = await info({ order_number: 'X-1' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].code).toBe('lookup_required');
    expect(r.body.errors[0].detail).toContain('tracking_number + courier');
  });

  it('401 unauthorized for an unknown or revoked token, whatever the lookup', async () => {
    const r = await info(lookups.tracking_id(), { token: 'osp_doesnotexist' });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].code).toBe('unauthorized');
  });

  it('a revoked token stops working within the 5 s the server may remember it', async () => {
    const { id, token } = await createToken(db, shop.id, ['read'], 'to revoke');
    expect((await info(lookups.order_number(), { token })).status).toBe(200);
    await revokeToken(db, id);
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const r = await info(lookups.order_number(), { token });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].code).toBe('unauthorized');
  });

  it('401 verification_required says nothing about existence', async () => {
    const known = await info(lookups.order_number());
    const unknown = await info({ account: shop.id, order_number: 'NOPE-404' });
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(known.body);
  });

  it('404: a wrong postal code looks exactly like a missing order', async () => {
    const wrong = await info({ ...lookups.order_number(), postal_code: '99999' });
    const missing = await info({ account: shop.id, order_number: 'NOPE-405', postal_code: '10557' });
    expect(wrong.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(wrong.body).toEqual(missing.body);
    expect(wrong.body.errors[0].code).toBe('not_found');
  });

  it('404 for a tampered, expired or other-account signature', async () => {
    const good = signed('order_number');
    const tampered = { ...good, s: good.s.slice(0, -2) + (good.s.endsWith('AA') ? 'BB' : 'AA') };
    const value = canonicalValue('order_number', order.order_number);
    const expired = {
      ...lookups.order_number(),
      s: signLink(
        shop.linkSecret,
        { account: shop.id, lookup: 'order_number', value },
        Math.floor(Date.now() / 1000) - 1,
      ),
    };
    const foreign = {
      ...lookups.order_number(),
      s: signLink(
        other.linkSecret,
        { account: shop.id, lookup: 'order_number', value },
        Math.floor(Date.now() / 1000) + 600,
      ),
    };
    for (const params of [tampered, expired, foreign, { ...lookups.order_number(), s: 'garbage' }]) {
      expect((await info(params)).status).toBe(404);
    }
  });

  it("tenant isolation: a token never reads another account's order", async () => {
    expect((await info(lookups.order_number(), { token: other.read })).status).toBe(404);
    expect((await info(lookups.tracking_number(), { token: other.read })).status).toBe(404);
    expect((await info(lookups.tracking_id(), { token: other.read })).status).toBe(404);
    expect(
      (await info({ account: other.id, order_number: order.order_number }, { token: shop.read })).status,
    ).toBe(404);
  });

  it('a write-only token cannot read (403)', async () => {
    const r = await info(lookups.order_number(), { token: shop.write });
    expect(r.status).toBe(403);
    expect(r.body.errors[0].code).toBe('forbidden');
  });

  it('the account policy is per account and stored', async () => {
    await setAccessPolicy(
      db,
      shop.id,
      JSON.stringify({ tracking_number: { no_proof: 'verify', with_proof: 'full' } }),
    );
    try {
      expect((await info({ ...lookups.tracking_number(), account: shop.id })).status).toBe(401);
      // Without the account, the answer is the one a missing tracking gets: nothing is told.
      const unnamed = await info(lookups.tracking_number());
      const missing = await info({ tracking_number: `NONE${uniqueTag()}`, courier: 'dhl' });
      expect([unnamed.status, unnamed.body]).toEqual([404, missing.body]);
      // An order of its own: the tests above spent the shared order's failed proofs (they count
      // per order, whichever lookup form named it).
      const fresh = sampleOrder(uniqueTag());
      await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: fresh });
      const freshTracking = { tracking_number: fresh.trackings[0]!.tracking_number, courier: 'dhl' };
      expect((await info({ ...freshTracking, postal_code: '10557' })).status).toBe(200);
    } finally {
      await setAccessPolicy(db, shop.id, null);
    }
    expect((await info(lookups.tracking_number())).status).toBe(200);
  });

  it('lang: de-DE and de_DE give German, unsupported falls back to the order language, then English', async () => {
    const de = await info({ ...lookups.tracking_id(), lang: 'de-DE' });
    expect(de.body.trackings[0].last_delivery_status.status_text).toBe('Zugestellt');
    expect((await info({ ...lookups.tracking_id(), lang: 'de_DE' })).headers.get('content-language')).toBe(
      'de',
    );
    const fallback = await info({ ...lookups.tracking_id(), lang: 'xx' });
    expect(fallback.status).toBe(200);
    expect(fallback.headers.get('content-language')).toBe('de');
    const en = await info({ ...lookups.tracking_id(), lang: 'en' });
    expect(en.body.trackings[0].last_delivery_status.status_text).toBe('Delivered');
  });

  it('single_tracking keeps only the matching tracking', async () => {
    const all = await info(lookups.tracking_number(), { token: shop.read });
    expect(all.body.trackings).toHaveLength(2);
    const one = await info({ ...lookups.tracking_number(), single_tracking: 1 }, { token: shop.read });
    expect(one.body.trackings.map((t: { tracking_number: string }) => t.tracking_number)).toEqual([
      order.trackings[0]!.tracking_number,
    ]);
    // An order lookup that names no tracking keeps them all.
    const unnamed = await info({ ...lookups.order_number(), single_tracking: 1 }, { token: shop.read });
    expect(unnamed.body.trackings).toHaveLength(2);
  });

  it('live_refresh is accepted and skipped for a courier without an adapter', async () => {
    const ups = {
      tracking_number: order.trackings[1]!.tracking_number,
      courier: 'ups',
      single_tracking: 'true',
    };
    const r = await info({ ...ups, live_refresh: 'true' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-live-refresh')).toBe('skipped');
  });

  it('lookups that match several orders return the most recent order', async () => {
    const t2 = uniqueTag();
    const older = sampleOrder(`${t2}O`, {
      customer_number: `SHARED-${t2}`,
      order_date: '2026-01-01T09:00:00Z',
      trackings: [],
    });
    const newer = sampleOrder(`${t2}N`, {
      customer_number: `SHARED-${t2}`,
      order_date: '2026-06-01T09:00:00Z',
      trackings: [],
    });
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: newer })).status).toBe(
      201,
    );
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: older })).status).toBe(
      201,
    );
    const r = await info({ account: shop.id, customer_number: `SHARED-${t2}` }, { token: shop.read });
    expect(r.body.order_number).toBe(newer.order_number);
  });

  it('"most recent" compares order dates as instants, whatever UTC offset they carry', async () => {
    const t3 = uniqueTag();
    // 05:00 in Los Angeles is 13:00Z: later than 10:00 in Berlin (09:00Z), though its text sorts first.
    const la = sampleOrder(`${t3}LA`, {
      customer_number: `TZ-${t3}`,
      order_date: '2026-11-25T05:00:00-08:00',
      trackings: [],
    });
    const berlin = sampleOrder(`${t3}B`, {
      customer_number: `TZ-${t3}`,
      order_date: '2026-11-25T10:00:00+01:00',
      trackings: [],
    });
    for (const order of [la, berlin])
      expect(
        (await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status,
      ).toBe(201);
    const r = await info({ account: shop.id, customer_number: `TZ-${t3}` }, { token: shop.read });
    expect(r.body.order_number).toBe(la.order_number);
  });

  it('external_order_id is found whatever the case of its hex digits', async () => {
    const id = crypto.randomUUID();
    const order = sampleOrder(uniqueTag(), { external_order_id: id.toUpperCase(), trackings: [] });
    expect((await call('/v4/track/orders/', { method: 'PUT', token: shop.write, body: order })).status).toBe(
      201,
    );
    for (const value of [id, id.toUpperCase()]) {
      const r = await info({ account: shop.id, external_order_id: value }, { token: shop.read });
      expect(r.status).toBe(200);
      expect(r.body.order_number).toBe(order.order_number);
    }
  });

  it('account must be a plain positive whole number; lang never fails', async () => {
    for (const account of ['0x3E9', '1001.0', '1e3', '-1', '0']) {
      const r = await info({ account, order_number: order.order_number });
      expect(r.status, account).toBe(400);
      expect(r.body.errors[0].attr).toBe('account');
    }
    for (const lang of ['english', 'x-pig-latin', 'en-US-u-ca-gregory']) {
      const r = await info(
        { account: shop.id, order_number: order.order_number, lang },
        { token: shop.read },
      );
      expect(r.status, lang).toBe(200);
    }
  });

  it('a tracking without an order answers with null order fields', async () => {
    const number = `LOOSE${uniqueTag()}`;
    const post = await call('/v4/track/events/', {
      method: 'POST',
      token: shop.write,
      body: {
        courier: 'gls',
        tracking_number: number,
        event_status: 'InTransit',
        event_timestamp: '2026-11-25T10:00:00Z',
      },
    });
    expect(post.status).toBe(202);
    const r = await info({ tracking_number: number, courier: 'gls' });
    expect(r.status).toBe(200);
    expect(r.body.order_number).toBeNull();
    expect(r.body.trackings).toHaveLength(1);
    expect(r.body.trackings[0].last_delivery_status.lifecycle_status).toBe('InTransit');
  });
});

describe.skipIf(skipReason !== '')('methods an API address does not serve', () => {
  const routes = [
    {
      path: '/v4/track/orders/info/',
      allow: 'GET, HEAD, OPTIONS',
      wrong: ['POST', 'PUT', 'PATCH', 'DELETE'],
    },
    { path: '/v4/track/orders/info-widget/', allow: 'GET, HEAD, OPTIONS', wrong: ['POST', 'DELETE'] },
    { path: '/v4/track/orders/link/', allow: 'GET, HEAD, OPTIONS', wrong: ['POST', 'PUT'] },
    { path: '/v4/track/orders/', allow: 'PUT, OPTIONS', wrong: ['GET', 'POST', 'PATCH', 'DELETE'] },
    { path: '/v4/track/events/', allow: 'POST, OPTIONS', wrong: ['GET', 'PUT', 'DELETE'] },
  ];
  it.each(routes)('$path answers other methods with 405, the envelope and Allow', async (route) => {
    for (const method of route.wrong) {
      const res = await call(`${route.path}?lang=de`, { method });
      expect(res.status, `${method} ${route.path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(route.allow);
      expect(res.body).toEqual({
        type: 'client_error',
        errors: [{ code: 'method_not_allowed', detail: expect.stringContaining('Methode'), attr: null }],
      });
    }
    const options = await call(route.path, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe(route.allow);
  });
});
