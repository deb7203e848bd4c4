import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/messages';
import { bundle, checkpoint, hoursAgo, input } from '@/lib/projection/fixtures';
import { projectOrder } from '@/lib/projection/project-order';
import type { StatusCode } from '@/lib/status/vocabulary';
import { widgetModel } from './model';

const branding = { name: 'Nordlicht', logoUrl: null, color: '#0f5c4d', onColor: '#ffffff' };

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
    const m = widgetModel(projectOrder(input(parcels)), branding, 'en', translatorFor('en'));
    expect(m).toMatchObject({
      headline: ['Out for delivery'],
      step: 4,
      parcels: ['2 of 3 delivered'],
      courier: ['Shipped with DPD'],
    });
    expect(m.detail?.[0]).toMatch(/^Expected /);
  });

  it('labels step 4 by what happened at a pickup point or after a failed attempt', () => {
    const at = (code: StatusCode) =>
      widgetModel(
        projectOrder(input([bundle([checkpoint('InTransit', hoursAgo(30)), checkpoint(code, hoursAgo(2))])])),
        branding,
        'en',
        translatorFor('en'),
      ).stepLabels[3];
    expect(at('PickupReady')).toEqual(['Ready for pickup']);
    expect(at('FailedAttemptFirst')).toEqual(['Delivery attempted']);
    expect(at('OutForDelivery')).toEqual(['Out for delivery']);
  });

  it('never carries PII, even from the full view', () => {
    const info = projectOrder(input(parcels, { level: 'full' }));
    expect(info.recipient_name).toBe('Erika Mustermann');
    const text = JSON.stringify(widgetModel(info, branding, 'en', translatorFor('en')));
    for (const pii of ['Erika', 'Mustermann', 'Heidestraße', '10557', 'example.com', 'E. Mustermann']) {
      expect(text).not.toContain(pii);
    }
  });

  it('says when a delivered order arrived', () => {
    const info = projectOrder(input([bundle([checkpoint('Delivered', '2026-11-27T10:30:00+01:00')])]));
    expect(widgetModel(info, branding, 'de', translatorFor('de')).detail).toEqual([
      'Zugestellt am Freitag, 27. November',
    ]);
  });

  it('lays Arabic out right to left, shaped', () => {
    const info = projectOrder(input(parcels, { locale: 'ar', t: translatorFor('ar') }));
    const m = widgetModel(info, branding, 'ar', translatorFor('ar'));
    expect(m.direction).toBe('rtl');
    // Shaped: only presentation forms remain, no plain Arabic letters.
    expect(m.headline.join(' ')).not.toMatch(/[\u0621-\u064A]/);
    expect(m.headline.join(' ')).toMatch(/[\uFE70-\uFEFF]/);
  });

  it('is about the replacement, not the cancelled label, and does not count the cancelled one', () => {
    const info = projectOrder(
      input([
        bundle([checkpoint('Cancelled', hoursAgo(20))], { id: 1, public_id: 'trk_1', position: 0 }),
        bundle([checkpoint('InboundScan', hoursAgo(3))], {
          id: 2,
          public_id: 'trk_2',
          position: 1,
          courier: 'ups',
        }),
      ]),
    );
    const m = widgetModel(info, branding, 'en', translatorFor('en'));
    expect(m).toMatchObject({ step: 2, warning: false, parcels: null, courier: ['Shipped with UPS'] });
    expect(m.headline).not.toEqual(['Shipment cancelled']);
  });

  it('an order whose only label was cancelled still says so', () => {
    const info = projectOrder(input([bundle([checkpoint('Cancelled', hoursAgo(20))])]));
    expect(widgetModel(info, branding, 'en', translatorFor('en')).headline).toEqual(['Shipment cancelled']);
  });

  it('an order without parcels is being prepared', () => {
    const m = widgetModel(projectOrder(input([])), branding, 'en', translatorFor('en'));
    expect(m).toMatchObject({
      headline: ['Your order is being prepared'],
      step: 1,
      parcels: null,
      courier: null,
    });
  });
});
