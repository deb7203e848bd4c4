import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { call, info, newTenant, openDb, sampleOrder, skipReason, type Tenant, uniqueTag } from './context';

describe.skipIf(skipReason !== '')('merchant write API', () => {
  let db: Db;
  let shop: Tenant;

  beforeAll(async () => {
    db = openDb();
    shop = await newTenant(db);
  });
  afterAll(() => db.destroy());

  const put = (body: unknown, token = shop.write) =>
    call('/v4/track/orders/', { method: 'PUT', token, body });
  const post = (body: unknown, token = shop.write) =>
    call('/v4/track/events/', { method: 'POST', token, body });

  it('PUT creates (201), repeats idempotently (200, same body) and updates', async () => {
    const order = sampleOrder(uniqueTag());
    const first = await put(order);
    expect(first.status).toBe(201);
    expect(first.body.order_number).toBe(order.order_number);
    expect(first.body.trackings).toHaveLength(2);
    const again = await put(order);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await put({
      ...order,
      recipient_name: 'Erika Musterfrau',
      trackings: order.trackings.slice(0, 1),
    });
    expect(changed.status).toBe(200);
    expect(changed.body.recipient_name).toBe('Erika Musterfrau');
    expect(changed.body.trackings).toHaveLength(1);
    // The dropped tracking keeps existing on its own.
    const loose = await info(
      { tracking_number: order.trackings[1]!.tracking_number, courier: 'ups' },
      { token: shop.read },
    );
    expect(loose.status).toBe(200);
    expect(loose.body.order_number).toBeNull();
  });

  it('PUT identifies an order by external_order_id alone', async () => {
    const order = sampleOrder(uniqueTag());
    const { order_number: _unused, ...byExternalId } = order;
    expect((await put(byExternalId)).status).toBe(201);
    expect((await put(byExternalId)).status).toBe(200);
  });

  it('400 with the JSON path of each bad field, and nothing written', async () => {
    const order = sampleOrder(uniqueTag());
    const bad = {
      ...order,
      recipient_email: 'not-an-email',
      trackings: [{ tracking_number: 'X1', courier: 'no spaces allowed' }, { courier: 'dhl' }],
    };
    const r = await put(bad);
    expect(r.status).toBe(400);
    const attrs = r.body.errors.map((e: { attr: string }) => e.attr);
    expect(attrs).toEqual(
      expect.arrayContaining(['recipient_email', 'trackings[0].courier', 'trackings[1].tracking_number']),
    );
    const lookup = await info({ account: shop.id, order_number: order.order_number }, { token: shop.read });
    expect(lookup.status).toBe(404);
  });

  it('400 for a field the API does not know, naming the field itself, and nothing written', async () => {
    const order = sampleOrder(uniqueTag());
    const [first, second] = order.trackings;
    const r = await put({
      ...order,
      trackings: [first, { ...second, tracking_numbr: second!.tracking_number }],
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      {
        code: 'invalid',
        detail: expect.stringContaining('Unknown field'),
        attr: 'trackings[1].tracking_numbr',
      },
    ]);
    const lookup = await info({ account: shop.id, order_number: order.order_number }, { token: shop.read });
    expect(lookup.status).toBe(404);
    const event = {
      courier: 'dhl',
      tracking_number: first!.tracking_number,
      event_status: 'InTransit',
      event_timestamp: '2026-11-25T10:00:00Z',
    };
    const ev = await post({ events: [event, { ...event, event_detail: 'Sorted' }] });
    expect(ev.status).toBe(400);
    expect(ev.body.errors.map((e: { attr: string }) => e.attr)).toEqual(['events[1].event_detail']);
  });

  it('400 for an order no shopper could unlock (no postal code, no email), unless it is token_only', async () => {
    const order_number = `X1-${uniqueTag()}`;
    const bare = await put({ order_number });
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([
      {
        code: 'invalid',
        detail: expect.stringContaining('token_only'),
        attr: 'shipping_address.postal_code',
      },
    ]);
    const tokenOnly = await put({ order_number, token_only: true });
    expect(tokenOnly.status).toBe(201);
    expect(tokenOnly.body).not.toHaveProperty('token_only');
    // A tracking's postal code is a proof too.
    const tracked = await put({
      order_number: `X2-${uniqueTag()}`,
      trackings: [{ tracking_number: `PC${uniqueTag()}`, courier: 'dhl', recipient_postal_code: '10115' }],
    });
    expect(tracked.status).toBe(201);
  });

  it('an unknown courier is accepted, shown title-cased and warned about; known couriers are not', async () => {
    const tag = uniqueTag();
    const order = sampleOrder(tag, {
      trackings: [
        { tracking_number: `MC${tag}`, courier: 'my-courier', recipient_postal_code: '10557' },
        { tracking_number: `HE${tag}`, courier: 'hermes', recipient_postal_code: '10557' },
      ],
    });
    const created = await put(order);
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      {
        code: 'unknown_courier',
        detail: expect.stringContaining('"My Courier"'),
        attr: 'trackings[0].courier',
      },
    ]);
    expect(created.body.trackings.map((t: any) => t.courier_info.courier_name)).toEqual([
      'My Courier',
      'Hermes',
    ]);
    const read = await info({ account: shop.id, order_number: order.order_number }, { token: shop.read });
    expect(read.body).not.toHaveProperty('warnings');

    const event = (courier: string, tracking_number: string) => ({
      courier,
      tracking_number,
      event_status: 'InTransit',
      event_timestamp: '2026-11-25T10:00:00Z',
    });
    const events = await post({ events: [event('hermes', `HE${tag}`), event('My-Courier', `MC${tag}`)] });
    expect(events.status).toBe(202);
    expect(events.body).toMatchObject({ accepted: 2, stored: 2 });
    expect(events.body.warnings).toEqual([
      { code: 'unknown_courier', detail: expect.any(String), attr: 'events[1].courier' },
    ]);
    const known = await post(event('dhl', `KN${tag}`));
    expect(known.status).toBe(202);
    expect(known.body).not.toHaveProperty('warnings');
    expect((await put(sampleOrder(uniqueTag()))).body).not.toHaveProperty('warnings');
  });

  it('400 for a body that is not JSON, 401 without a token, 403 with a read token', async () => {
    const notJson = await call('/v4/track/orders/', {
      method: 'PUT',
      token: shop.write,
      rawBody: '{"order_number":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors[0].code).toBe('invalid');
    const noToken = await call('/v4/track/orders/', { method: 'PUT', body: sampleOrder(uniqueTag()) });
    expect(noToken.status).toBe(401);
    const readOnly = await put(sampleOrder(uniqueTag()), shop.read);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.errors[0].code).toBe('forbidden');
    expect(
      (
        await post(
          {
            courier: 'dhl',
            tracking_number: 'R1',
            event_status: 'InTransit',
            event_timestamp: '2026-11-25T10:00:00Z',
          },
          shop.read,
        )
      ).status,
    ).toBe(403);
  });

  it('a body nested deeper than 32 levels is a 400, not a crash, and writes nothing', async () => {
    const order = sampleOrder(uniqueTag());
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const r = await call('/v4/track/orders/', {
      method: 'PUT',
      token: shop.write,
      rawBody: `{"order_number":"${order.order_number}","articles":[{"name":"Deep","additional_attributes":{"deep":${deep}}}]}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'invalid', detail: expect.stringContaining('32 levels') });
    const lookup = await info({ account: shop.id, order_number: order.order_number }, { token: shop.read });
    expect(lookup.status).toBe(404);
  });

  it('an event sent again with its place written differently (null fields, key order) is stored once', async () => {
    const tn = `PLACE${uniqueTag()}`;
    const base = {
      courier: 'dhl',
      tracking_number: tn,
      event_status: 'InTransit',
      event_timestamp: '2026-11-21T09:12:00Z',
    };
    const first = await post({ ...base, location: { name: 'Hub', city: 'Leipzig' } });
    expect(first.body).toMatchObject({ stored: 1, duplicates: 0 });
    const again = await post({ ...base, location: { city: 'Leipzig', name: 'Hub', address: null } });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1 });
    const other = await post({ ...base, location: { name: 'Hub', city: 'Halle' } });
    expect(other.body).toMatchObject({ stored: 1, duplicates: 0 });
  });

  it('409 when another order of the account already uses the external_order_id', async () => {
    const a = sampleOrder(uniqueTag());
    const b = sampleOrder(uniqueTag(), { external_order_id: a.external_order_id });
    expect((await put(a)).status).toBe(201);
    const r = await put(b);
    expect(r.status).toBe(409);
    expect(r.body.errors[0].code).toBe('conflict');
  });

  it('events: out of order is fine, duplicates are stored once, newest by timestamp wins', async () => {
    const order = sampleOrder(uniqueTag());
    await put(order);
    const tn = order.trackings[0]!.tracking_number;
    const ev = (event_status: string, event_timestamp: string) => ({
      courier: 'dhl',
      tracking_number: tn,
      event_status,
      event_timestamp,
    });
    const r1 = await post({
      events: [
        ev('OutForDelivery', '2026-11-23T07:10:00+01:00'),
        ev('InboundScan', '2026-11-21T18:00:00+01:00'),
      ],
    });
    expect(r1.status).toBe(202);
    expect(r1.body).toMatchObject({ accepted: 2, stored: 2, duplicates: 0 });
    // The same instant written in UTC is the same event.
    const r2 = await post([
      ev('InTransit', '2026-11-22T03:00:00+01:00'),
      ev('InboundScan', '2026-11-21T17:00:00Z'),
    ]);
    expect(r2.body).toMatchObject({ accepted: 2, stored: 1, duplicates: 1 });
    const view = await info(
      { tracking_number: tn, courier: 'dhl', single_tracking: true },
      { token: shop.read },
    );
    const t = view.body.trackings[0];
    expect(t.checkpoints.map((c: { status_code: string }) => c.status_code)).toEqual([
      'InboundScan',
      'InTransit',
      'OutForDelivery',
    ]);
    expect(t.last_delivery_status.status_code).toBe('OutForDelivery');
    expect(t.last_delivery_status.lifecycle_status).toBe('OutForDelivery');
    expect(t.last_delivery_status.step).toBe(4);
  });

  it('events: unknown event_status is a 400 naming the field, and the batch writes nothing', async () => {
    const tn = `BATCH${uniqueTag()}`;
    const r = await post([
      {
        courier: 'dhl',
        tracking_number: tn,
        event_status: 'InTransit',
        event_timestamp: '2026-11-25T10:00:00Z',
      },
      {
        courier: 'dhl',
        tracking_number: tn,
        event_status: 'Teleported',
        event_timestamp: '2026-11-25T11:00:00Z',
      },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].attr).toBe('[1].event_status');
    expect((await info({ tracking_number: tn, courier: 'dhl' }, { token: shop.read })).status).toBe(404);
    const single = await post({
      courier: 'dhl',
      tracking_number: tn,
      event_status: 'Nope',
      event_timestamp: 'yesterday',
    });
    expect(single.body.errors.map((e: { attr: string }) => e.attr).sort()).toEqual([
      'event_status',
      'event_timestamp',
    ]);
  });

  it('events by tracking_id, and an unknown tracking_id is a 400', async () => {
    const order = sampleOrder(uniqueTag());
    const created = await put(order);
    const id = created.body.trackings[1].tracking_id;
    const ok = await post({
      tracking_id: id,
      event_status: 'PickupReady',
      event_timestamp: '2026-11-25T10:00:00Z',
      pickup_location: {
        name: 'Kiosk Müller',
        address: 'Marktplatz 3',
        city: 'Berlin',
        postal_code: '10117',
        opening_hours: [{ day: 'mon', open: '09:00', close: '18:00' }],
      },
    });
    expect(ok.status).toBe(202);
    const view = await info({ tracking_id: id, single_tracking: true });
    expect(view.body.trackings[0].action_box.type).toBe('pickup-location');
    expect(view.body.trackings[0].action_box.opening_hours).toEqual([
      { day: 'mon', open: '09:00:00', close: '18:00:00' },
    ]);
    const bad = await post({
      tracking_id: 'trk_unknown',
      event_status: 'InTransit',
      event_timestamp: '2026-11-25T10:00:00Z',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].attr).toBe('tracking_id');
    const event = { tracking_id: id, event_status: 'InTransit', event_timestamp: '2026-11-25T11:00:00Z' };
    const wrapped = await post({ events: [{ ...event, tracking_id: 'trk_unknown' }] });
    expect(wrapped.body.errors[0].attr).toBe('events[0].tracking_id');
    const listed = await post([event, { ...event, tracking_id: 'trk_unknown' }]);
    expect(listed.body.errors[0].attr).toBe('[1].tracking_id');
  });

  it('concurrent PUTs of one new order create it exactly once', async () => {
    const order = sampleOrder(uniqueTag());
    const results = await Promise.all(Array.from({ length: 12 }, () => put(order)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    const count = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', shop.id)
      .where('order_number', '=', order.order_number)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const trackings = await db
      .selectFrom('trackings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', shop.id)
      .where(
        'tracking_number',
        'in',
        order.trackings.map((t) => t.tracking_number),
      )
      .executeTakeFirstOrThrow();
    expect(Number(trackings.n)).toBe(2);
  });

  it('concurrent POSTs of the same events store each event once', async () => {
    const tn = `CONC${uniqueTag()}`;
    const events = ['InboundScan', 'InTransit', 'DestinationDeliveryCenter', 'OutForDelivery'].map(
      (status, i) => ({
        courier: 'dpd',
        tracking_number: tn,
        event_status: status,
        event_timestamp: `2026-11-2${i}T10:00:00Z`,
      }),
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => post(events)));
    expect(results.every((r) => r.status === 202)).toBe(true);
    expect(results.reduce((sum, r) => sum + r.body.stored, 0)).toBe(4);
    const view = await info({ tracking_number: tn, courier: 'dpd' }, { token: shop.read });
    expect(view.body.trackings[0].checkpoints).toHaveLength(4);
    const rows = await db
      .selectFrom('trackings')
      .select('id')
      .where('account_id', '=', shop.id)
      .where('tracking_number', '=', tn)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
