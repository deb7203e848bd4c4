// Display facts about couriers: the name shoppers see and the public tracking and reroute pages.
// `{n}` is replaced by the URL-encoded tracking number.

export type CourierInfo = {
  name: string;
  trackingUrl: string | null;
  rerouteUrl: string | null;
};

// A Map, not an object literal: a courier code is chosen by the client, and `constructor` or
// `__proto__` would find Object.prototype's members in a plain object.
export const COURIERS: ReadonlyMap<string, CourierInfo> = new Map(
  Object.entries({
    dhl: {
      name: 'DHL',
      trackingUrl: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}',
      rerouteUrl: 'https://www.dhl.de/de/privatkunden/pakete-empfangen/sendung-umleiten.html?piececode={n}',
    },
    ups: {
      name: 'UPS',
      trackingUrl: 'https://www.ups.com/track?tracknum={n}',
      rerouteUrl: 'https://www.ups.com/track?tracknum={n}&requester=ST/trackdetails',
    },
    fedex: {
      name: 'FedEx',
      trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr={n}',
      rerouteUrl: null,
    },
    usps: {
      name: 'USPS',
      trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}',
      rerouteUrl: 'https://www.usps.com/manage/package-intercept.htm',
    },
    postnl: {
      name: 'PostNL',
      trackingUrl: 'https://jouw.postnl.nl/track-and-trace/{n}',
      rerouteUrl: null,
    },
    dpd: { name: 'DPD', trackingUrl: 'https://tracking.dpd.de/status/en_US/parcel/{n}', rerouteUrl: null },
    gls: { name: 'GLS', trackingUrl: 'https://gls-group.com/track/{n}', rerouteUrl: null },
    'royal-mail': {
      name: 'Royal Mail',
      trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}',
      rerouteUrl: null,
    },
    demo: { name: 'Demo Express', trackingUrl: null, rerouteUrl: null },
  } satisfies Record<string, CourierInfo>),
);

export function courierInfo(code: string, trackingNumber: string) {
  const info = COURIERS.get(code.toLowerCase());
  const fill = (template: string | null) =>
    template ? template.replace('{n}', encodeURIComponent(trackingNumber)) : null;
  return {
    name: info?.name ?? code,
    trackingUrl: fill(info?.trackingUrl ?? null),
    rerouteUrl: fill(info?.rerouteUrl ?? null),
  };
}
