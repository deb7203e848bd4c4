import { describe, expect, it } from 'vitest';
import { bundle, checkpoint, hoursAgo, input, NOW } from './fixtures';
import { dutiesDue, moneyIn, offerNotReceived, shopContactLinks, wayForward } from './next-steps';
import { projectOrder } from './project-order';

const only = (...args: Parameters<typeof input>) => projectOrder(input(...args)).trackings[0]!;
const inTransit = [checkpoint('InboundScan', hoursAgo(72)), checkpoint('InTransit', hoursAgo(60))];

const CONTACT = {
  email: 'help@shop.test',
  phone: '+49 30 1234567',
  helpUrl: 'https://shop.test/help',
  websiteUrl: 'https://shop.test',
};
const NO_CONTACT = { email: null, phone: null, helpUrl: null, websiteUrl: null };

const customs = (details: string, level: 'full' | 'limited' = 'full', courier = 'ups') =>
  only(
    [
      bundle(
        [
          ...inTransit,
          checkpoint('Exception', hoursAgo(20), {
            exception_type: 'Customs',
            next_action: 'pay_duties',
            event_details: details,
          }),
        ],
        { courier },
      ),
    ],
    { level },
  );

describe('moneyIn', () => {
  it.each([
    ['Import duties and taxes of GBP 38.40 must be paid.', { currency: 'GBP', value: 38.4 }],
    ['Zollgebühren: 12,50 EUR', { currency: 'EUR', value: 12.5 }],
    ['Pay £7 to release it', { currency: 'GBP', value: 7 }],
    ['Montant dû : 21,90 €', { currency: 'EUR', value: 21.9 }],
    ['USD 120 due', { currency: 'USD', value: 120 }],
    ['Duties of GBP 1,234.50 are due', { currency: 'GBP', value: 1234.5 }],
    ['Zoll: 1.234,50 €', { currency: 'EUR', value: 1234.5 }],
    ['EUR 2.000 Zoll', { currency: 'EUR', value: 2000 }],
    ['Depot UPS 12 holds it until GBP 38.40 is paid', { currency: 'GBP', value: 38.4 }],
  ])('%s', (text, money) => {
    expect(moneyIn(text)).toEqual(money);
  });

  it.each([
    'Held at the depot because of high volumes.',
    'Parcel 3 of 4 for UPS 12',
    'Call ABC 55 for help',
    'Reference NLO 2026',
  ])('names no amount: %s', (text) => {
    expect(moneyIn(text)).toBeNull();
  });
});

describe('dutiesDue', () => {
  it('reads the amount from the checkpoint that asks for payment', () => {
    expect(dutiesDue(customs('Import duties and taxes of GBP 38.40 must be paid.'))).toEqual({
      currency: 'GBP',
      value: 38.4,
    });
  });

  it('has none at the limited level, whose checkpoints carry our own words', () => {
    expect(dutiesDue(customs('Import duties and taxes of GBP 38.40 must be paid.', 'limited'))).toBeNull();
  });
});

describe('shopContactLinks', () => {
  it('turns email, phone and help page into links, the order named in the email', () => {
    expect(shopContactLinks(CONTACT, 'Order NL-1')).toEqual([
      { kind: 'email', href: 'mailto:help@shop.test?subject=Order%20NL-1', text: 'help@shop.test' },
      { kind: 'phone', href: 'tel:+49301234567', text: '+49 30 1234567' },
      { kind: 'help', href: 'https://shop.test/help', text: 'shop.test' },
    ]);
  });

  it('leaves out what the shop did not give, and any help page that is not https', () => {
    expect(shopContactLinks(NO_CONTACT)).toEqual([]);
    expect(shopContactLinks({ ...NO_CONTACT, helpUrl: 'javascript:alert(1)' })).toEqual([]);
  });
});

describe('wayForward', () => {
  const shop = shopContactLinks(CONTACT);

  it('pay duties: the courier page (no carrier gives a payment link), the amount, the shop', () => {
    const way = wayForward(customs('Duties of GBP 38.40 are due.'), shop);
    expect(way).toEqual({
      primary: {
        kind: 'payDuties',
        href: 'https://www.ups.com/track?tracknum=00340434161094042557',
        amount: { currency: 'GBP', value: 38.4 },
      },
      shop,
    });
  });

  it('a failed attempt: the reroute page', () => {
    const t = only([bundle([...inTransit, checkpoint('FailedAttemptFirst', hoursAgo(3))])]);
    expect(wayForward(t, shop)?.primary).toEqual({
      kind: 'reroute',
      href: t.courier_info.courier_reroute_url,
    });
    expect(t.courier_info.courier_reroute_url).toMatch(/^https:\/\/www\.dhl\.de\//);
  });

  it('a courier without a reroute page: its tracking page', () => {
    const t = only([
      bundle([...inTransit, checkpoint('FailedAttemptFirst', hoursAgo(3))], { courier: 'gls' }),
    ]);
    expect(wayForward(t, shop)?.primary).toEqual({
      kind: 'reroute',
      href: t.courier_info.courier_tracking_url,
    });
  });

  it('contact the shop: the shop links, no courier link', () => {
    const t = only([bundle([...inTransit, checkpoint('Cancelled', hoursAgo(3))])]);
    expect(wayForward(t, shop)).toEqual({ primary: null, shop });
  });

  it('contact the shop without a shop contact: the courier, never an empty link', () => {
    const t = only([bundle([...inTransit, checkpoint('Cancelled', hoursAgo(3))])]);
    expect(wayForward(t, [])).toEqual({
      primary: { kind: 'contactCourier', href: t.courier_info.courier_tracking_url },
      shop: [],
    });
  });

  it('a delay without an action still offers a way: the shop', () => {
    const t = only([bundle(inTransit, { announced_delivery_date: hoursAgo(48).slice(0, 10) })]);
    expect(t.is_delayed).toBe(true);
    expect(wayForward(t, shop)).toEqual({ primary: null, shop });
  });

  it('nothing for a parcel on its way or delivered', () => {
    expect(wayForward(only([bundle(inTransit)]), shop)).toBeNull();
    expect(wayForward(only([bundle([...inTransit, checkpoint('Delivered', hoursAgo(1))])]), shop)).toBeNull();
  });
});

describe('offerNotReceived', () => {
  const delivered = (h: number) => only([bundle([...inTransit, checkpoint('Delivered', hoursAgo(h))])]);

  it('only once the delivery is that many hours old', () => {
    expect(offerNotReceived(delivered(47), NOW, 48)).toBe(false);
    expect(offerNotReceived(delivered(48), NOW, 48)).toBe(true);
    expect(offerNotReceived(delivered(1), NOW, 0)).toBe(true);
  });

  it('never for a parcel not delivered, or a return', () => {
    expect(offerNotReceived(only([bundle(inTransit)]), NOW, 0)).toBe(false);
    const back = only([bundle([...inTransit, checkpoint('Delivered', hoursAgo(60))], { is_return: 1 })]);
    expect(offerNotReceived(back, NOW, 48)).toBe(false);
  });
});
