import { describe, expect, it } from 'vitest';
import type { StatusCode } from '@/lib/status/vocabulary';
import { found, notFound, onePerCall } from './events';
import type { CarrierEvent, KnownState } from './types';

const event = (status_code: StatusCode, hour: number): CarrierEvent => ({
  status_code,
  event_timestamp: `2026-11-27T${String(hour).padStart(2, '0')}:00:00Z`,
  raw_code: status_code,
  raw_text: null,
  details: null,
  location: null,
});
const estimate = { start_date: '2026-11-28', end_date: '2026-11-28', start_time: null, end_time: null };

describe('a tracking the carrier knows', () => {
  it('carries the estimate on the newest event, whatever order the carrier listed them in', () => {
    const events = [event('InTransit', 8), event('OutForDelivery', 10), event('InboundScan', 6)];
    const tracking = found('T1', events, estimate);
    expect(tracking).toMatchObject({ trackingNumber: 'T1', found: true });
    expect(events.map((e) => e.estimated_delivery)).toEqual([undefined, estimate, undefined]);
  });

  it('says so on the newest event when the carrier no longer gives an estimate', () => {
    const events = [event('Delivered', 12), event('OutForDelivery', 10)];
    found('T1', events, null);
    expect(events[0]!.estimated_delivery).toBeNull();
    expect(events[1]!.estimated_delivery).toBeUndefined();
  });

  it('an unknown number has no events', () => {
    expect(notFound('T2')).toEqual({ trackingNumber: 'T2', found: false, events: [] });
  });
});

describe('failed attempts, numbered alike for every carrier', () => {
  const numbered = (...events: CarrierEvent[]) => {
    const { events: out } = found('T', events, null);
    return [...out]
      .sort((a, b) => a.event_timestamp.localeCompare(b.event_timestamp))
      .map((e) => e.status_code);
  };

  it('counts the attempts of separate delivery rounds in time order; a third is still no final one', () => {
    // Newest first, as most carriers list them.
    expect(
      numbered(
        event('FailedAttemptFirst', 16),
        event('OutForDelivery', 15),
        event('FailedAttemptFirst', 12),
        event('OutForDelivery', 11),
        event('FailedAttemptFirst', 9),
        event('OutForDelivery', 8),
      ),
    ).toEqual([
      'OutForDelivery',
      'FailedAttemptFirst',
      'OutForDelivery',
      'FailedAttemptSecond',
      'OutForDelivery',
      'FailedAttemptSecond',
    ]);
  });

  it('attempt events in a row are one attempt (a notice, then a rescheduling)', () => {
    expect(
      numbered(event('FailedAttemptFirst', 9), event('FailedAttemptFirst', 10), event('PickupReady', 11)),
    ).toEqual(['FailedAttemptFirst', 'FailedAttemptFirst', 'PickupReady']);
  });

  it("keeps a carrier's own higher number and its final attempt", () => {
    expect(numbered(event('FailedAttemptSecond', 9))).toEqual(['FailedAttemptSecond']);
    expect(
      numbered(
        event('FailedAttemptFirst', 8),
        event('OutForDelivery', 9),
        event('FailedAttemptSecond', 10),
        event('OutForDelivery', 11),
        event('FailedAttemptFinal', 12),
      ),
    ).toEqual([
      'FailedAttemptFirst',
      'OutForDelivery',
      'FailedAttemptSecond',
      'OutForDelivery',
      'FailedAttemptFinal',
    ]);
  });
});

describe('one number per call', () => {
  it('asks for every number with what the portal knows of it, in the order asked', async () => {
    const asked: Array<[string, string | null | undefined]> = [];
    const fetchTrackings = onePerCall(async (trackingNumber, _signal, known) => {
      asked.push([trackingNumber, known?.statusCode]);
      return notFound(trackingNumber);
    });
    const known = new Map<string, KnownState>([['B', { statusCode: 'InTransit', lastEventAt: null }]]);
    const results = await fetchTrackings(['A', 'B'], AbortSignal.timeout(1000), known);
    expect(results.map((r) => r.trackingNumber)).toEqual(['A', 'B']);
    expect(asked).toEqual([
      ['A', undefined],
      ['B', 'InTransit'],
    ]);
  });
});
