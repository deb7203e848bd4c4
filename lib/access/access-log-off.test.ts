import { describe, expect, it, vi } from 'vitest';
import { accessLogCounters, recordAccess } from './access-log';

// Before any import reads the settings: a retention of 0 days keeps nothing.
vi.hoisted(() => {
  process.env.ACCESS_LOG_RETENTION_DAYS = '0';
});

describe('access log turned off', () => {
  it('records nothing, neither queued nor counted as dropped', () => {
    for (let i = 0; i < 3; i++) {
      recordAccess({
        accountId: 1,
        orderId: i,
        trackingId: null,
        at: new Date(),
        channel: 'api',
        lookupType: 'order_number',
        proof: 'none',
        outcome: 'limited',
        clientIp: '203.0.113.9',
      });
    }
    expect(accessLogCounters()).toEqual({ written: 0, dropped: 0, waiting: 0 });
  });
});
