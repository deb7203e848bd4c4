import { describe, expect, it } from 'vitest';
import { demoSteps } from './demo';

const now = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe('demo courier', () => {
  it('moves one step for every two hours since the last event', () => {
    expect(demoSteps('InTransit', hoursAgo(1), now)).toEqual([]);
    expect(demoSteps('InTransit', hoursAgo(3), now).map((e) => e.status_code)).toEqual([
      'DestinationDeliveryCenter',
    ]);
    expect(demoSteps('InTransit', hoursAgo(7), now).map((e) => e.status_code)).toEqual([
      'DestinationDeliveryCenter',
      'OutForDelivery',
      'Delivered',
    ]);
  });

  it('never invents events in the future, and stops at the end of the journey', () => {
    const steps = demoSteps('OrderProcessed', hoursAgo(100), now);
    expect(steps.at(-1)!.status_code).toBe('Delivered');
    expect(steps.every((e) => Date.parse(e.event_timestamp) <= now.getTime())).toBe(true);
    expect(demoSteps('Delivered', hoursAgo(100), now)).toEqual([]);
    expect(demoSteps('Exception', hoursAgo(100), now)).toEqual([]);
  });

  it('is deterministic, so repeated refreshes merge into the same events', () => {
    expect(demoSteps('InboundScan', hoursAgo(5), now)).toEqual(demoSteps('InboundScan', hoursAgo(5), now));
  });
});
