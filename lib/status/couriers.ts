// Display facts about couriers: the name shoppers see and the public tracking and reroute pages.
// `{n}` is replaced by the URL-encoded tracking number. A link is listed only where its address
// is known for certain: a shopper sent to a wrong page is worse off than one shown none.

export type CourierInfo = {
  name: string;
  trackingUrl: string | null;
  rerouteUrl: string | null;
};

const DHL_TRACKING = 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}';
const nameOnly = (name: string): CourierInfo => ({ name, trackingUrl: null, rerouteUrl: null });

// A Map, not an object literal: a courier code is chosen by the client, and `constructor` or
// `__proto__` would find Object.prototype's members in a plain object.
export const COURIERS: ReadonlyMap<string, CourierInfo> = new Map(
  Object.entries({
    dhl: {
      name: 'DHL',
      trackingUrl: DHL_TRACKING,
      rerouteUrl: 'https://www.dhl.de/de/privatkunden/pakete-empfangen/sendung-umleiten.html?piececode={n}',
    },
    // DHL's global tracking page answers for every DHL division; the reroute page above is Germany's
    // parcel service only.
    'dhl-express': { name: 'DHL Express', trackingUrl: DHL_TRACKING, rerouteUrl: null },
    'deutsche-post': nameOnly('Deutsche Post'),
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
    hermes: nameOnly('Hermes'),
    // Hermes UK became Evri in 2022; German Hermes kept its name.
    evri: nameOnly('Evri'),
    bpost: nameOnly('bpost'),
    colissimo: nameOnly('Colissimo'),
    chronopost: nameOnly('Chronopost'),
    'la-poste': nameOnly('La Poste'),
    'royal-mail': {
      name: 'Royal Mail',
      trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}',
      rerouteUrl: null,
    },
    parcelforce: nameOnly('Parcelforce Worldwide'),
    postnord: nameOnly('PostNord'),
    bring: nameOnly('Bring'),
    posti: nameOnly('Posti'),
    'austrian-post': nameOnly('Austrian Post'),
    'swiss-post': nameOnly('Swiss Post'),
    correos: nameOnly('Correos'),
    seur: nameOnly('SEUR'),
    'poste-italiane': nameOnly('Poste Italiane'),
    brt: nameOnly('BRT'),
    inpost: nameOnly('InPost'),
    packeta: nameOnly('Packeta'),
    amazon: nameOnly('Amazon Logistics'),
    'amazon-logistics': nameOnly('Amazon Logistics'),
    ontrac: { name: 'OnTrac', trackingUrl: 'https://www.ontrac.com/tracking/?number={n}', rerouteUrl: null },
    lasership: nameOnly('LaserShip'),
    'canada-post': {
      name: 'Canada Post',
      trackingUrl: 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}',
      rerouteUrl: null,
    },
    purolator: {
      name: 'Purolator',
      trackingUrl: 'https://www.purolator.com/en/shipping/tracker?searchValue={n}',
      rerouteUrl: null,
    },
    demo: nameOnly('Demo Express'),
  } satisfies Record<string, CourierInfo>),
);

/** `Royal_Mail` and `royal-mail` are one courier. */
function known(code: string): CourierInfo | undefined {
  return COURIERS.get(code.toLowerCase().replace(/_/g, '-'));
}

export function isKnownCourier(code: string): boolean {
  return known(code) !== undefined;
}

/** An unknown code as shoppers see it: `my-courier` → `My Courier`. */
function titleCase(code: string): string {
  return code
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function courierInfo(code: string, trackingNumber: string) {
  const info = known(code);
  const fill = (template: string | null) =>
    template ? template.replace('{n}', encodeURIComponent(trackingNumber)) : null;
  return {
    name: info?.name ?? (titleCase(code) || code),
    trackingUrl: fill(info?.trackingUrl ?? null),
    rerouteUrl: fill(info?.rerouteUrl ?? null),
  };
}
