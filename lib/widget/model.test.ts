import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import { bundle, checkpoint, hoursAgo, input, NOW } from '@/lib/projection/fixtures';
import { projectOrder } from '@/lib/projection/project-order';
import type { TrackingBundle } from '@/lib/projection/types';
import { widgetModel } from './model';

const branding = { name: 'Nordlicht', logoUrl: null, color: '#0f5c4d', onColor: '#ffffff' };

const model = (trackings: TrackingBundle[], locale: Locale = 'en', now = NOW) =>
  widgetModel(
    projectOrder(input(trackings, { locale, t: translatorFor(locale), now })),
    branding,
    locale,
    translatorFor(locale),
    now,
  );

/** A parcel the courier expects on `date` (NOW is Saturday 28 November, 13:00 in Berlin). */
const expectedOn = (
  date: string,
  times: { start_time?: string; end_time?: string } = {},
  code: 'OutForDelivery' | 'InTransit' = 'OutForDelivery',
) =>
  bundle([
    checkpoint('InTransit', hoursAgo(20)),
    checkpoint(code, hoursAgo(2), {
      estimated_delivery: JSON.stringify({ start_date: date, end_date: date, ...times }),
    }),
  ]);

describe('widget model', () => {
  const parcels = [
    bundle([checkpoint('Delivered', hoursAgo(30))], { id: 1, public_id: 'trk_1', position: 0 }),
    bundle([checkpoint('Delivered', hoursAgo(20))], { id: 2, public_id: 'trk_2', position: 1 }),
    bundle([checkpoint('OutForDelivery', hoursAgo(2))], {
      id: 3,
      public_id: 'trk_3',
      position: 2,
      courier: 'dpd',
    }),
  ];

  it('is about the parcel still under way and counts the delivered ones', () => {
    expect(model(parcels)).toMatchObject({
      headline: ['Out for delivery'],
      detail: { text: ['Arriving today'], tone: 'plain' },
      progress: { done: 4, of: 5 },
      parcels: ['2 of 3 delivered'],
      courier: ['Shipped with DPD'],
    });
  });

  it('gives the time window when the courier knows it, in the language', () => {
    const window = { start_time: '10:00', end_time: '14:00' };
    // Intl spaces times with no-break and thin spaces; compared here as plain ones.
    const plain = (texts: string[] | undefined) => texts?.map((text) => text.replace(/\s/gu, ' '));
    expect(plain(model([expectedOn('2026-11-28', window)]).detail?.text)).toEqual([
      'Arriving today, 10:00 AM – 2:00 PM',
    ]);
    expect(plain(model([expectedOn('2026-11-28', window)], 'de').detail?.text)).toEqual([
      'Kommt heute, 10:00–14:00 Uhr',
    ]);
    expect(plain(model([expectedOn('2026-11-30', window, 'InTransit')]).detail?.text)).toEqual([
      'Expected Monday, November 30, 10:00 AM – 2:00 PM',
    ]);
    expect(model([expectedOn('2026-11-30', {}, 'InTransit')]).detail?.text).toEqual([
      'Expected Monday, November 30',
    ]);
  });

  it('never gives a past date as expected: it says, kindly, that the parcel is late', () => {
    const late = model([
      bundle([checkpoint('InTransit', hoursAgo(50))], { announced_delivery_date: '2026-11-24' }),
    ]);
    expect(late.detail).toEqual({ text: ['Running late – sorry for the wait'], tone: 'late' });
    expect(late.warning).toBe(true);
    expect(JSON.stringify(late)).not.toContain('24');
    // "Today" is the parcel's: at 12:00 UTC it is already 29 November in Auckland.
    const there = model([
      {
        ...expectedOn('2026-11-28'),
        tracking: { ...expectedOn('2026-11-28').tracking, timezone: 'Pacific/Auckland' },
      },
    ]);
    expect(there.detail?.tone).toBe('late');
  });

  it('says what a problem asks of the shopper instead of an empty band', () => {
    const customs = model([
      bundle([
        checkpoint('InTransit', hoursAgo(50)),
        checkpoint('Exception', hoursAgo(3), { exception_type: 'Customs', next_action: 'pay_duties' }),
      ]),
    ]);
    expect(customs).toMatchObject({
      detail: { text: ['Action needed: pay the import duties'], tone: 'action' },
      warning: true,
    });
    expect(model([bundle([checkpoint('FailedAttemptFirst', hoursAgo(3))])], 'de').detail).toEqual({
      text: ['Bitte erledigen: neue Zustellung vereinbaren'],
      tone: 'action',
    });
    expect(model([bundle([checkpoint('ReturnWarning', hoursAgo(3))])]).detail?.text).toEqual([
      'Action needed: collect your parcel',
    ]);
  });

  it('tells what a return is doing, never "Out for delivery", and does not count it as a parcel', () => {
    const sent = bundle([checkpoint('Delivered', hoursAgo(100))], { id: 1, public_id: 'trk_1', position: 0 });
    const back = (...codes: Array<'OrderProcessed' | 'Return' | 'OutForDelivery' | 'ReturnProcessed'>) =>
      bundle(
        codes.map((code, i) => checkpoint(code, hoursAgo(30 - i))),
        { id: 2, public_id: 'trk_2', position: 1, is_return: 1 },
      );
    expect(model([sent, back('OrderProcessed')])).toMatchObject({
      headline: ['Return registered'],
      progress: { done: 1, of: 3 },
      parcels: null,
    });
    for (const codes of [['Return'], ['Return', 'OutForDelivery']] as const) {
      const m = model([sent, back(...codes)]);
      expect(m).toMatchObject({
        headline: ['Return on its way back to the shop'],
        progress: { done: 2, of: 3 },
      });
      expect(JSON.stringify(m)).not.toContain('Out for delivery');
    }
    expect(model([sent, back('Return', 'ReturnProcessed')])).toMatchObject({
      headline: ['Return received by the shop'],
      courier: ['Sent back with DHL'],
      detail: { text: ['Received Friday, November 27'] },
      progress: { done: 3, of: 3 },
    });
    // The refund, where the shop reports it, is the return's fourth and last step.
    const refunded = (at: unknown) =>
      bundle([checkpoint('Return', hoursAgo(30)), checkpoint('ReturnProcessed', hoursAgo(29))], {
        id: 2,
        public_id: 'trk_2',
        position: 1,
        is_return: 1,
        additional_attributes: JSON.stringify({ refund_processed_at: at }),
      });
    // 23:30 UTC is Saturday in Berlin, the tracking's time zone.
    expect(model([sent, refunded('2026-11-27T23:30:00Z')])).toMatchObject({
      headline: ['Refund processed'],
      detail: { text: ['Processed Saturday, November 28'], tone: 'plain' },
      progress: { done: 4, of: 4 },
      parcels: null,
    });
    expect(model([sent, refunded('2026-11-27')], 'de')).toMatchObject({
      headline: ['Erstattung veranlasst'],
      detail: { text: ['Veranlasst am Freitag, 27. November'] },
    });
    // The same card at every access level: the limited view keeps the refund date.
    const limited = projectOrder(input([sent, refunded('2026-11-27')], { level: 'limited' }));
    expect(widgetModel(limited, branding, 'en', translatorFor('en'), NOW)).toEqual(
      model([sent, refunded('2026-11-27')]),
    );
    expect(model([sent, refunded('in a week')])).toMatchObject({
      headline: ['Return received by the shop'],
      progress: { done: 3, of: 3 },
    });
    // A parcel still on its way to the shopper comes first.
    const coming = bundle([checkpoint('InTransit', hoursAgo(5))], { id: 3, public_id: 'trk_3', position: 2 });
    expect(model([sent, back('Return'), coming])).toMatchObject({
      headline: ['In transit'],
      parcels: ['1 of 2 delivered'],
    });
  });

  it('never carries PII, even from the full view', () => {
    const info = projectOrder(input(parcels, { level: 'full' }));
    expect(info.recipient_name).toBe('Erika Mustermann');
    const text = JSON.stringify(widgetModel(info, branding, 'en', translatorFor('en'), NOW));
    for (const pii of ['Erika', 'Mustermann', 'Heidestraße', '10557', 'example.com', 'E. Mustermann']) {
      expect(text).not.toContain(pii);
    }
  });

  it('says when a delivered order arrived', () => {
    expect(model([bundle([checkpoint('Delivered', '2026-11-27T10:30:00+01:00')])], 'de').detail).toEqual({
      text: ['Zugestellt am Freitag, 27. November'],
      tone: 'plain',
    });
  });

  it('lays Arabic out right to left, shaped', () => {
    const m = model(parcels, 'ar');
    expect(m.direction).toBe('rtl');
    // Shaped: only presentation forms remain, no plain Arabic letters.
    for (const text of [m.headline, m.detail!.text]) {
      expect(text.join(' ')).not.toMatch(/[\u0621-\u064A]/);
      expect(text.join(' ')).toMatch(/[\uFE70-\uFEFF]/);
    }
  });

  it('lays Hebrew out right to left, each word in the order its letters are drawn', () => {
    const m = model([bundle([checkpoint('OutForDelivery', hoursAgo(2))])], 'he');
    expect(m.direction).toBe('rtl');
    const logical = translatorFor('he')('status.OutForDelivery.text');
    expect(m.headline).toEqual(logical.split(' ').map((word) => [...word].reverse().join('')));
  });

  it('is about the replacement, not the cancelled label, and does not count the cancelled one', () => {
    const m = model([
      bundle([checkpoint('Cancelled', hoursAgo(20))], { id: 1, public_id: 'trk_1', position: 0 }),
      bundle([checkpoint('InboundScan', hoursAgo(3))], {
        id: 2,
        public_id: 'trk_2',
        position: 1,
        courier: 'ups',
      }),
    ]);
    expect(m).toMatchObject({
      progress: { done: 2 },
      warning: false,
      parcels: null,
      courier: ['Shipped with UPS'],
    });
    expect(m.headline).not.toEqual(['Shipment cancelled']);
  });

  it('an order whose only label was cancelled still says so', () => {
    expect(model([bundle([checkpoint('Cancelled', hoursAgo(20))])]).headline).toEqual(['Shipment cancelled']);
  });

  it('an order without parcels is being prepared', () => {
    expect(model([])).toMatchObject({
      headline: ['Your order is being prepared'],
      progress: { done: 1, of: 5 },
      parcels: null,
      courier: null,
    });
  });
});
