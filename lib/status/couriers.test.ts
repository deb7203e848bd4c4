import { describe, expect, it } from 'vitest';
import { courierInfo } from './couriers';

describe('courierInfo', () => {
  it('names a known courier and fills its links', () => {
    expect(courierInfo('DHL', 'JJ 1')).toEqual({
      name: 'DHL',
      trackingUrl: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=JJ%201',
      rerouteUrl:
        'https://www.dhl.de/de/privatkunden/pakete-empfangen/sendung-umleiten.html?piececode=JJ%201',
    });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'gls-local'])(
    'an unknown code %s is shown as it is, without links',
    (code) => {
      expect(courierInfo(code, '1')).toEqual({ name: code, trackingUrl: null, rerouteUrl: null });
    },
  );
});
