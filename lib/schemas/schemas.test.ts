import { describe, expect, it } from 'vitest';
import { eventsBodySchemaFor } from '@/lib/schemas/event';
import { infoQuerySchema, normalizeQuery } from '@/lib/schemas/info-query';
import { orderInputSchema } from '@/lib/schemas/order';
import { DomainError } from '@/lib/errors';

const NOW = new Date('2026-11-28T12:00:00Z');
const parse = (input: Record<string, string>) => infoQuerySchema.safeParse(input);

describe('info query validation', () => {
  it('coerces the account and trims strings', () => {
    const r = parse({ account: '1001', order_number: '  NL-1 ' });
    expect(r.success && r.data).toMatchObject({ account: 1001, order_number: 'NL-1' });
  });

  it('takes an account up to the largest id the database holds', () => {
    const r = parse({ account: '2147483647' });
    expect(r.success && r.data.account).toBe(2147483647);
  });

  it.each([
    ['account', '0'],
    ['account', '-5'],
    ['account', '1.5'],
    ['account', 'abc'],
    ['account', '0x3E9'],
    ['account', '1001.0'],
    ['account', '1e3'],
    ['account', '2147483648'],
    ['account', '9999999999'],
    ['account', '99999999999999'],
    ['external_order_id', 'not-a-uuid'],
    ['order_number', ''],
    ['order_number', '   '],
    ['order_number', 'x'.repeat(256)],
    ['recipient_email', 'nobody'],
    ['lang', 'x'.repeat(65)],
    ['live_refresh', 'yes'],
    ['single_tracking', '2'],
  ])('rejects %s=%j', (key, value) => {
    const r = parse({ [key]: value });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual([key]);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('booleans accept %s', (value, expected) => {
    const r = parse({ single_tracking: value });
    expect(r.success && r.data.single_tracking).toBe(expected);
  });

  it.each(['de', 'de-DE', 'de_DE', 'pt-BR', 'zh-Hant-TW'])('accepts lang=%s', (lang) => {
    expect(parse({ lang }).success).toBe(true);
  });

  it('lower-cases emails and ignores unknown parameters', () => {
    const r = parse({ recipient_email: 'Jane@Example.COM', utm_source: 'mail' });
    expect(r.success && r.data).toEqual({ recipient_email: 'jane@example.com' });
  });
});

describe('query parameter names', () => {
  it('applies the aliases; the canonical name and the first value win', () => {
    const q = normalizeQuery(
      new URLSearchParams('client=a&client_key=b&postal_code=1&postal_code=2&order_number=x&order_number=y'),
    );
    expect(q).toEqual({ client_key: 'b', recipient_postal_code: '1', order_number: 'x' });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '%s is a parameter name like any other',
    (name) => {
      const q = normalizeQuery(
        new URLSearchParams([
          [name, 'v'],
          ['client', 'shop-b'],
          [name, 'w'],
        ]),
      );
      expect(Object.getPrototypeOf(q)).toBe(Object.prototype);
      expect(Object.keys(q).sort()).toEqual([name, 'client_key'].sort());
      expect(Object.getOwnPropertyDescriptor(q, name)?.value).toBe('v');
      expect(q.client_key).toBe('shop-b');
    },
  );
});

describe('write bodies', () => {
  it('needs order_number or external_order_id', () => {
    const r = orderInputSchema.safeParse({ recipient_name: 'X' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual(['order_number']);
  });

  it('rejects the same tracking twice in one order', () => {
    const t = { tracking_number: '1', courier: 'dhl' };
    expect(
      orderInputSchema.safeParse({ order_number: 'A', trackings: [t, { ...t, courier: 'DHL' }] }).success,
    ).toBe(false);
  });

  it('reports nested paths as attr', () => {
    const r = orderInputSchema.safeParse({
      order_number: 'A',
      token_only: true,
      trackings: [{ tracking_number: '1', courier: 'dhl', timezone: 'Mars/Base' }],
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(DomainError.fromZod(r.error).entries[0]!.attr).toBe('trackings[0].timezone');
  });

  it('takes one event, a list, or {events: [...]}', () => {
    const e = {
      courier: 'dhl',
      tracking_number: '1',
      event_status: 'InTransit',
      event_timestamp: '2026-11-01T10:00:00+01:00',
    };
    for (const body of [e, [e, e], { events: [e] }]) {
      const r = eventsBodySchemaFor(body, NOW).safeParse(body);
      expect(r.success).toBe(true);
    }
    const bad = { ...e, event_status: 'Teleported' };
    const r = eventsBodySchemaFor({ events: [e, bad] }, NOW).safeParse({ events: [e, bad] });
    expect(r.success).toBe(false);
    if (!r.success) expect(DomainError.fromZod(r.error).entries[0]!.attr).toBe('events[1].event_status');
  });

  it('rejects a delivery window that ends before it starts', () => {
    const e = {
      courier: 'dhl',
      tracking_number: '1',
      event_status: 'InTransit',
      event_timestamp: '2026-11-01T10:00:00+01:00',
    };
    const window = (end_date: string) => ({
      ...e,
      estimated_delivery_date: { start_date: '2026-11-05', end_date },
    });
    expect(eventsBodySchemaFor({}, NOW).safeParse(window('2026-11-06')).success).toBe(true);
    const r = eventsBodySchemaFor({}, NOW).safeParse(window('2026-11-04'));
    expect(r.success).toBe(false);
    if (!r.success)
      expect(DomainError.fromZod(r.error).entries[0]!.attr).toBe('estimated_delivery_date.end_date');
  });

  it('requires a timestamp with an offset and normalises an estimate date', () => {
    const base = { courier: 'dhl', tracking_number: '1', event_status: 'InTransit' };
    expect(
      eventsBodySchemaFor({}, NOW).safeParse({ ...base, event_timestamp: '2026-11-01T10:00:00' }).success,
    ).toBe(false);
    const r = eventsBodySchemaFor({}, NOW).safeParse({
      ...base,
      event_timestamp: '2026-11-01T10:00:00Z',
      estimated_delivery_date: '2026-11-03',
    });
    expect(r.success && r.data[0]!.estimated_delivery_date).toEqual({
      start_date: '2026-11-03',
      end_date: '2026-11-03',
      start_time: null,
      end_time: null,
    });
  });
});

describe('unknown fields in write bodies', () => {
  const attrsOf = (r: { success: boolean; error?: unknown }) =>
    r.success ? [] : DomainError.fromZod(r.error as never).entries.map((e) => e.attr);
  const event = {
    courier: 'dhl',
    tracking_number: '1',
    event_status: 'InTransit',
    event_timestamp: '2026-11-01T10:00:00+01:00',
  };

  it('names each unknown order field by its own JSON path, not its parent', () => {
    const r = orderInputSchema.safeParse({
      order_number: 'A',
      recipient_mail: 'erika@example.com',
      shipping_address: { postal_code: '10115', zip: '10115' },
      trackings: [{ tracking_numbr: '1', tracking_number: '1', courier: 'dhl', carrier: 'dhl' }],
    });
    expect(attrsOf(r).sort()).toEqual(
      [
        'recipient_mail',
        'shipping_address.zip',
        'trackings[0].carrier',
        'trackings[0].tracking_numbr',
      ].sort(),
    );
  });

  it('keeps the seed’s article fields and additional_attributes, and refuses other article keys', () => {
    const article = {
      article_name: 'Rain jacket',
      sku: 'RJ-1',
      additional_attributes: [{ key: 'lining', value: 'fleece' }],
    };
    const ok = orderInputSchema.safeParse({
      order_number: 'A',
      recipient_email: 'erika@example.com',
      articles: [article],
    });
    expect(ok.success).toBe(true);
    const r = orderInputSchema.safeParse({
      order_number: 'A',
      recipient_email: 'erika@example.com',
      articles: [{ ...article, colour: 'red', additional_attributes: [{ key: 'a', value: 1, note: 'x' }] }],
    });
    expect(attrsOf(r).sort()).toEqual(['articles[0].additional_attributes[0].note', 'articles[0].colour']);
  });

  it('names unknown event fields as the client sent the body', () => {
    const attrs = (body: unknown) => attrsOf(eventsBodySchemaFor(body, NOW).safeParse(body));
    expect(attrs({ ...event, event_detail: 'x' })).toEqual(['event_detail']);
    expect(attrs([event, { ...event, location: { city: 'Köln', street: 'Ring 1' } }])).toEqual([
      '[1].location.street',
    ]);
    expect(attrs({ events: [event], source: 'wms' })).toEqual(['source']);
    expect(
      attrs({
        events: [{ ...event, estimated_delivery_date: { start_date: '2026-11-03', start: '10:00' } }],
      }),
    ).toEqual(['events[0].estimated_delivery_date.start']);
  });
});

describe('a proof the shopper can give', () => {
  const attrs = (body: unknown) => {
    const r = orderInputSchema.safeParse(body);
    return r.success ? [] : DomainError.fromZod(r.error).entries.map((e) => e.attr);
  };
  const tracking = { tracking_number: '1', courier: 'dhl' };

  it('refuses an order no shopper could unlock, naming where a proof goes', () => {
    const r = orderInputSchema.safeParse({ order_number: 'X1', trackings: [tracking] });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(DomainError.fromZod(r.error).entries).toEqual([
        {
          code: 'invalid',
          detail: expect.stringMatching(/postal code.*recipient_email.*token_only/),
          attr: 'shipping_address.postal_code',
        },
      ]);
    expect(
      attrs({ order_number: 'X1', recipient_email: null, shipping_address: { city: 'Berlin' } }),
    ).toEqual(['shipping_address.postal_code']);
    expect(attrs({ order_number: 'X1', token_only: false })).toEqual(['shipping_address.postal_code']);
  });

  it.each([
    ['a postal code on the address', { shipping_address: { postal_code: '10115' } }],
    ['a postal code on a tracking', { trackings: [{ ...tracking, recipient_postal_code: '10115' }] }],
    ['a recipient email', { recipient_email: 'erika@example.com' }],
    ['token_only: true', { token_only: true }],
  ])('takes %s', (_, fields) => {
    expect(attrs({ order_number: 'X1', trackings: [tracking], ...fields })).toEqual([]);
  });
});

describe('event dates', () => {
  const event = (event_timestamp: string) => ({
    courier: 'dhl',
    tracking_number: '1',
    event_status: 'InTransit',
    event_timestamp,
  });
  const attrs = (body: unknown) => {
    const r = eventsBodySchemaFor(body, NOW).safeParse(body);
    return r.success ? [] : DomainError.fromZod(r.error).entries.map((e) => e.attr);
  };

  it('accepts an event up to 7 days ahead of the request, counting the offset', () => {
    expect(attrs(event('2026-12-05T12:00:00Z'))).toEqual([]);
    expect(attrs(event('2026-12-05T13:00:00+01:00'))).toEqual([]);
    expect(attrs(event('2020-01-01T00:00:00Z'))).toEqual([]);
  });

  it('refuses one more than 7 days ahead, naming its field as the client sent it', () => {
    const late = event('9999-12-31T23:59:59Z');
    expect(attrs(event('2026-12-05T12:00:01Z'))).toEqual(['event_timestamp']);
    expect(attrs(event('2026-12-05T12:00:00-01:00'))).toEqual(['event_timestamp']);
    expect(attrs([event('2026-11-27T10:00:00Z'), late])).toEqual(['[1].event_timestamp']);
    expect(attrs({ events: [late] })).toEqual(['events[0].event_timestamp']);
  });

  it('reports the date beside the other bad fields of the same event', () => {
    expect(attrs({ ...event('9999-12-31T23:59:59Z'), event_status: 'Teleported' }).sort()).toEqual([
      'event_status',
      'event_timestamp',
    ]);
  });
});
