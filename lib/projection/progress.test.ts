import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/messages';
import { PROGRESS_STEPS, stepLabelKey } from './progress';

const labels = (current: number, lifecycle: Parameters<typeof stepLabelKey>[2], locale: 'en' | 'de' = 'en') =>
  PROGRESS_STEPS.map((s) => translatorFor(locale)(`page.steps.${stepLabelKey(s, current, lifecycle)}`));

describe('progress step labels', () => {
  it('labels step 4 by what happened while the parcel is there', () => {
    expect(labels(4, 'AvailableForPickup')[3]).toBe('Ready for pickup');
    expect(labels(4, 'FailedAttempt')[3]).toBe('Delivery attempted');
    expect(labels(4, 'AvailableForPickup', 'de')[3]).toBe('Bereit zur Abholung');
    expect(labels(4, 'OutForDelivery')[3]).toBe('Out for delivery');
  });

  it('keeps the usual labels otherwise', () => {
    expect(labels(3, 'InTransit')).toEqual([
      'Order received',
      'Handed to courier',
      'On the way',
      'Out for delivery',
      'Delivered',
    ]);
    expect(labels(5, 'Delivered')[3]).toBe('Out for delivery');
  });
});
