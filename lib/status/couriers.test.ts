import { describe, expect, it } from 'vitest';
import { courierInfo, isKnownCourier } from './couriers';

describe('courierInfo', () => {
  it('names a known courier and fills its links', () => {
    expect(courierInfo('DHL', 'JJ 1')).toEqual({
      name: 'DHL',
      trackingUrl: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=JJ%201',
      rerouteUrl:
        'https://www.dhl.de/de/privatkunden/pakete-empfangen/sendung-umleiten.html?piececode=JJ%201',
    });
  });

  it.each([
    ['dhl-express', 'DHL Express'],
    ['deutsche-post', 'Deutsche Post'],
    ['dpd', 'DPD'],
    ['gls', 'GLS'],
    ['hermes', 'Hermes'],
    ['evri', 'Evri'],
    ['ups', 'UPS'],
    ['fedex', 'FedEx'],
    ['usps', 'USPS'],
    ['postnl', 'PostNL'],
    ['bpost', 'bpost'],
    ['colissimo', 'Colissimo'],
    ['chronopost', 'Chronopost'],
    ['la-poste', 'La Poste'],
    ['royal-mail', 'Royal Mail'],
    ['parcelforce', 'Parcelforce Worldwide'],
    ['postnord', 'PostNord'],
    ['bring', 'Bring'],
    ['posti', 'Posti'],
    ['austrian-post', 'Austrian Post'],
    ['swiss-post', 'Swiss Post'],
    ['correos', 'Correos'],
    ['seur', 'SEUR'],
    ['poste-italiane', 'Poste Italiane'],
    ['brt', 'BRT'],
    ['inpost', 'InPost'],
    ['packeta', 'Packeta'],
    ['amazon', 'Amazon Logistics'],
    ['amazon-logistics', 'Amazon Logistics'],
    ['ontrac', 'OnTrac'],
    ['lasership', 'LaserShip'],
    ['canada-post', 'Canada Post'],
    ['purolator', 'Purolator'],
  ])('knows %s as %s', (code, name) => {
    expect(isKnownCourier(code)).toBe(true);
    expect(courierInfo(code, '1').name).toBe(name);
  });

  it('reads a code written with underscores or in capitals as the same courier', () => {
    expect(courierInfo('Royal_Mail', '1').name).toBe('Royal Mail');
    expect(isKnownCourier('CANADA_POST')).toBe(true);
  });

  it('fills a tracking link only where the courier has a known one', () => {
    expect(courierInfo('canada-post', '0073938000549297').trackingUrl).toBe(
      'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=0073938000549297',
    );
    expect(courierInfo('hermes', '1')).toEqual({ name: 'Hermes', trackingUrl: null, rerouteUrl: null });
  });

  it.each([
    ['my-courier', 'My Courier'],
    ['gls_local', 'Gls Local'],
    ['kuehne-nagel-road', 'Kuehne Nagel Road'],
    ['x', 'X'],
  ])('shows an unknown code %s title-cased as %s, without links', (code, name) => {
    expect(isKnownCourier(code)).toBe(false);
    expect(courierInfo(code, '1')).toEqual({ name, trackingUrl: null, rerouteUrl: null });
  });

  it.each([
    ['constructor', 'Constructor'],
    ['__proto__', 'Proto'],
    ['toString', 'ToString'],
    ['hasOwnProperty', 'HasOwnProperty'],
    ['valueOf', 'ValueOf'],
  ])('%s is an unknown code like any other, not a member of Object.prototype', (code, name) => {
    expect(isKnownCourier(code)).toBe(false);
    expect(courierInfo(code, '1')).toEqual({ name, trackingUrl: null, rerouteUrl: null });
  });
});
