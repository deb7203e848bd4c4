import type { ArticleInput, OrderInput, TrackingInput } from '@/lib/schemas/order';
import type { EventInput, OpeningHours } from '@/lib/schemas/event';
import { COURIERS } from '@/lib/status/couriers';
import { wallClock } from '@/lib/time/wall-clock';
import type { DeliveryLocationType, ExceptionType, NextAction, StatusCode } from '@/lib/status/vocabulary';

// The embedded demo shop. Everything is relative to `now` so a fresh database always shows
// current-looking parcels, and nothing here reads the clock or randomness: the seed, the docs and
// the tests all see the same data for the same `now`.

export const DEMO_ACCOUNT_ID = 1001;
export const DEMO_SHOP_NAME = 'Nordlicht Outfitters';

/**
 * The demo account's link secret is public on purpose: the README's signed demo link must work on
 * every fresh install. Never use it for a real shop.
 */
export const DEMO_LINK_SECRET = 'demo-link-secret-public-never-use-in-production';

/** Lookups the README, the docs and the tests can rely on (order number + postal code). */
export const DEMO_LOOKUPS = {
  inTransit: { order_number: 'NL-10001', postal_code: '10115' }, // Berlin, DHL, in transit, on time
  pickup: { order_number: 'NL-10006', postal_code: '04109' }, // Leipzig, ready at a DHL parcel shop
  multiParcel: { order_number: 'NL-10005', postal_code: '50667' }, // Cologne, 3 parcels, 2 delivered
  delayed: { order_number: 'NL-10008', postal_code: '69002' }, // Lyon, GLS, held at depot, past due
  exception: { order_number: 'NL-10009', postal_code: 'EC1V 9HX' }, // London, UPS, import duties due
  returned: { order_number: 'NL-10010', postal_code: '28013' }, // Madrid, DHL, returned to sender, refunded
} as const;

export type DemoShop = { orders: OrderInput[]; events: EventInput[] };

// ---------------------------------------------------------------- time

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** "2d4h30m" → minutes. A compact way to write "how long before now" in the tables below. */
function parseAgo(ago: string): number {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(ago);
  if (!match || ago === '') throw new Error(`Bad demo time offset: ${ago}`);
  const [, d = '0', h = '0', m = '0'] = match;
  return Number(d) * 24 * 60 + Number(h) * 60 + Number(m);
}

/** ISO 8601 with the offset the zone had at that instant, so DST is always right. */
function isoInZone(instantMs: number, timeZone: string): string {
  const { date, time, offset } = wallClock(instantMs, timeZone);
  return `${date}T${time}${offset}`;
}

/** The calendar date `days` after the zone's current date at `instantMs` ("today + 2"). */
function dateInZone(instantMs: number, timeZone: string, days = 0): string {
  const today = wallClock(instantMs, timeZone).date;
  return new Date(Date.parse(today) + days * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- places

type Place = {
  city: string;
  postal_code: string;
  country_iso3: string;
  tz: string;
  name?: string;
  address?: string;
  /** Set for parcel shops and lockers: a PickupReady event there carries a full pickup_location. */
  hours?: OpeningHours[];
};

const SHOP_HOURS: OpeningHours[] = [
  { day: 'mon', open: '08:00', close: '19:00' },
  { day: 'tue', open: '08:00', close: '19:00' },
  { day: 'wed', open: '08:00', close: '19:00' },
  { day: 'thu', open: '08:00', close: '19:00' },
  { day: 'fri', open: '08:00', close: '19:00' },
  { day: 'sat', open: '09:00', close: '14:00' },
];
const SHOP_HOURS_IT: OpeningHours[] = [
  { day: 'mon', open: '07:30', close: '19:30' },
  { day: 'tue', open: '07:30', close: '19:30' },
  { day: 'wed', open: '07:30', close: '19:30' },
  { day: 'thu', open: '07:30', close: '19:30' },
  { day: 'fri', open: '07:30', close: '19:30' },
  { day: 'sat', open: '08:00', close: '13:00' },
];
const ALWAYS_OPEN: OpeningHours[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map(
  (day) => ({
    day,
    open: '00:00',
    close: '23:59',
  }),
);

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';

const PLACES = {
  // Where parcels start: the shop's warehouses.
  hamburgWarehouse: {
    name: 'Nordlicht Outfitters warehouse',
    address: 'Hannoversche Straße 88',
    city: 'Hamburg',
    postal_code: '21079',
    country_iso3: 'DEU',
    tz: BERLIN,
  },
  venloWarehouse: {
    name: 'Nordlicht Outfitters Benelux fulfilment',
    address: 'Celsiusweg 21',
    city: 'Venlo',
    postal_code: '5928 PR',
    country_iso3: 'NLD',
    tz: 'Europe/Amsterdam',
  },
  columbusWarehouse: {
    name: 'Nordlicht Outfitters US fulfillment',
    address: '2600 Alum Creek Dr',
    city: 'Columbus',
    postal_code: '43207',
    country_iso3: 'USA',
    tz: NEW_YORK,
  },
  // Germany
  hamburgParcelCenter: { city: 'Hamburg', postal_code: '21035', country_iso3: 'DEU', tz: BERLIN },
  hamburgDepot: { city: 'Hamburg', postal_code: '22113', country_iso3: 'DEU', tz: BERLIN },
  boernicke: { city: 'Börnicke', postal_code: '14641', country_iso3: 'DEU', tz: BERLIN },
  berlin: { city: 'Berlin', postal_code: '10115', country_iso3: 'DEU', tz: BERLIN },
  koelnParcelCenter: { city: 'Köln', postal_code: '50997', country_iso3: 'DEU', tz: BERLIN },
  koeln: { city: 'Köln', postal_code: '50667', country_iso3: 'DEU', tz: BERLIN },
  koelnDpdDepot: { city: 'Köln', postal_code: '51149', country_iso3: 'DEU', tz: BERLIN },
  koelnUpsHub: { city: 'Köln', postal_code: '51147', country_iso3: 'DEU', tz: BERLIN },
  leipzigHub: { city: 'Schkeuditz', postal_code: '04435', country_iso3: 'DEU', tz: BERLIN },
  leipzig: { city: 'Leipzig', postal_code: '04109', country_iso3: 'DEU', tz: BERLIN },
  leipzigShop: {
    name: 'DHL Paketshop – Kiosk am Markt',
    address: 'Markt 9',
    city: 'Leipzig',
    postal_code: '04109',
    country_iso3: 'DEU',
    tz: BERLIN,
    hours: SHOP_HOURS,
  },
  obertshausen: { city: 'Obertshausen', postal_code: '63179', country_iso3: 'DEU', tz: BERLIN },
  frankfurt: { city: 'Frankfurt am Main', postal_code: '60316', country_iso3: 'DEU', tz: BERLIN },
  frankfurtPackstation: {
    name: 'DHL Packstation 214',
    address: 'Zeil 90',
    city: 'Frankfurt am Main',
    postal_code: '60313',
    country_iso3: 'DEU',
    tz: BERLIN,
    hours: ALWAYS_OPEN,
  },
  krefeldParcelCenter: { city: 'Krefeld', postal_code: '47809', country_iso3: 'DEU', tz: BERLIN },
  duesseldorf: { city: 'Düsseldorf', postal_code: '40213', country_iso3: 'DEU', tz: BERLIN },
  duesseldorfShop: {
    name: 'DHL Paketshop – Schreibwaren Lenz',
    address: 'Kölner Straße 180',
    city: 'Düsseldorf',
    postal_code: '40227',
    country_iso3: 'DEU',
    tz: BERLIN,
  },
  ostfildern: { city: 'Ostfildern', postal_code: '73760', country_iso3: 'DEU', tz: BERLIN },
  neuenstein: { city: 'Neuenstein', postal_code: '36286', country_iso3: 'DEU', tz: BERLIN },
  // Austria, Switzerland
  wels: { city: 'Wels', postal_code: '4600', country_iso3: 'AUT', tz: 'Europe/Vienna' },
  wienDepot: { city: 'Wien', postal_code: '1230', country_iso3: 'AUT', tz: 'Europe/Vienna' },
  wien: { city: 'Wien', postal_code: '1100', country_iso3: 'AUT', tz: 'Europe/Vienna' },
  basel: { city: 'Basel', postal_code: '4002', country_iso3: 'CHE', tz: 'Europe/Zurich' },
  zuerichMuelligen: { city: 'Zürich', postal_code: '8010', country_iso3: 'CHE', tz: 'Europe/Zurich' },
  zuerich: { city: 'Zürich', postal_code: '8004', country_iso3: 'CHE', tz: 'Europe/Zurich' },
  // Netherlands
  nieuwegein: { city: 'Nieuwegein', postal_code: '3439 LM', country_iso3: 'NLD', tz: 'Europe/Amsterdam' },
  rotterdam: { city: 'Rotterdam', postal_code: '3011 AD', country_iso3: 'NLD', tz: 'Europe/Amsterdam' },
  utrecht: { city: 'Utrecht', postal_code: '3511 AZ', country_iso3: 'NLD', tz: 'Europe/Amsterdam' },
  // France, Spain, Italy
  saintPriest: { city: 'Saint-Priest', postal_code: '69800', country_iso3: 'FRA', tz: 'Europe/Paris' },
  chillyMazarin: { city: 'Chilly-Mazarin', postal_code: '91380', country_iso3: 'FRA', tz: 'Europe/Paris' },
  wissous: { city: 'Wissous', postal_code: '91320', country_iso3: 'FRA', tz: 'Europe/Paris' },
  paris: { city: 'Paris', postal_code: '75011', country_iso3: 'FRA', tz: 'Europe/Paris' },
  coslada: { city: 'Coslada', postal_code: '28820', country_iso3: 'ESP', tz: 'Europe/Madrid' },
  getafe: { city: 'Getafe', postal_code: '28906', country_iso3: 'ESP', tz: 'Europe/Madrid' },
  madrid: { city: 'Madrid', postal_code: '28013', country_iso3: 'ESP', tz: 'Europe/Madrid' },
  settala: { city: 'Settala', postal_code: '20049', country_iso3: 'ITA', tz: 'Europe/Rome' },
  milano: { city: 'Milano', postal_code: '20121', country_iso3: 'ITA', tz: 'Europe/Rome' },
  milanoShop: {
    name: 'GLS ParcelShop – Tabaccheria Brera',
    address: 'Via Solferino 12',
    city: 'Milano',
    postal_code: '20121',
    country_iso3: 'ITA',
    tz: 'Europe/Rome',
    hours: SHOP_HOURS_IT,
  },
  // United Kingdom, Sweden
  eastMidlands: {
    city: 'Castle Donington',
    postal_code: 'DE74 2SA',
    country_iso3: 'GBR',
    tz: 'Europe/London',
  },
  malmo: { city: 'Malmö', postal_code: '212 24', country_iso3: 'SWE', tz: 'Europe/Stockholm' },
  rosersberg: { city: 'Rosersberg', postal_code: '195 72', country_iso3: 'SWE', tz: 'Europe/Stockholm' },
  stockholm: { city: 'Stockholm', postal_code: '111 52', country_iso3: 'SWE', tz: 'Europe/Stockholm' },
  // United States
  columbus: { city: 'Columbus', postal_code: '43207', country_iso3: 'USA', tz: NEW_YORK },
  groveCity: { city: 'Grove City', postal_code: '43123', country_iso3: 'USA', tz: NEW_YORK },
  memphis: { city: 'Memphis', postal_code: '38118', country_iso3: 'USA', tz: 'America/Chicago' },
  brooklynStation: { city: 'Brooklyn', postal_code: '11222', country_iso3: 'USA', tz: NEW_YORK },
  brooklyn: { city: 'Brooklyn', postal_code: '11201', country_iso3: 'USA', tz: NEW_YORK },
  bell: { city: 'Bell', postal_code: '90201', country_iso3: 'USA', tz: LOS_ANGELES },
  losAngeles: { city: 'Los Angeles', postal_code: '90014', country_iso3: 'USA', tz: LOS_ANGELES },
  losAngelesPostOffice: {
    name: 'USPS Terminal Annex Post Office',
    address: '900 N Alameda St',
    city: 'Los Angeles',
    postal_code: '90012',
    country_iso3: 'USA',
    tz: LOS_ANGELES,
    hours: SHOP_HOURS,
  },
  saltLakeCity: { city: 'Salt Lake City', postal_code: '84104', country_iso3: 'USA', tz: 'America/Denver' },
  sanFranciscoHub: { city: 'San Francisco', postal_code: '94124', country_iso3: 'USA', tz: LOS_ANGELES },
  sanFrancisco: { city: 'San Francisco', postal_code: '94103', country_iso3: 'USA', tz: LOS_ANGELES },
  parsippany: { city: 'Parsippany', postal_code: '07054', country_iso3: 'USA', tz: NEW_YORK },
  chelmsford: { city: 'Chelmsford', postal_code: '01824', country_iso3: 'USA', tz: NEW_YORK },
  boston: { city: 'Boston', postal_code: '02116', country_iso3: 'USA', tz: NEW_YORK },
} satisfies Record<string, Place>;

type PlaceKey = keyof typeof PLACES;

// ---------------------------------------------------------------- carrier wording

type Courier = 'dhl' | 'ups' | 'fedex' | 'usps' | 'postnl' | 'dpd' | 'gls' | 'demo';
type Raw = readonly [code: string, text: string];

// What each carrier's own API says for a status (DHL Unified statusCode, UPS activity type,
// FedEx eventType, USPS Pub 199 event code, PostNL status code, DPD/GLS status), so the staff
// view's raw columns look like the real thing. Single events override where wording differs.
const RAW: Record<Courier, Partial<Record<StatusCode, Raw>>> = {
  dhl: {
    OrderProcessed: [
      'pre-transit',
      'The instruction data for this shipment have been provided by the sender to DHL electronically',
    ],
    InboundScan: ['transit', 'The shipment has been processed in the parcel center of origin'],
    InTransit: ['transit', 'The shipment has been processed in the parcel center'],
    ExportHub: ['transit', 'The international shipment has been processed in the export parcel center'],
    ImportHub: ['transit', 'The shipment has arrived in the destination country'],
    CustomsIn: ['transit', 'The shipment is being prepared for customs clearance in the destination country'],
    CustomsReleased: ['transit', 'The shipment has been cleared by customs'],
    DestinationDeliveryCenter: ['transit', 'The shipment has arrived at the delivery base'],
    OutForDelivery: ['transit', 'The shipment has been loaded onto the delivery vehicle'],
    FailedAttemptFirst: [
      'failure',
      'The recipient was not at home. A delivery notification card has been left',
    ],
    FailedAttemptSecond: ['failure', 'The second delivery attempt was unsuccessful'],
    PickupReady: ['transit', 'The shipment is ready for pick-up at the retail outlet'],
    Delivered: ['delivered', 'The shipment has been successfully delivered'],
    ReturnWarning: ['failure', 'The shipment has not been picked up and will be returned to the sender'],
    Return: ['failure', 'The shipment is being returned to the sender'],
    ReturnProcessed: ['delivered', 'The shipment has been delivered back to the sender'],
  },
  ups: {
    OrderProcessed: ['M', 'Shipper created a label, UPS has not received the package yet.'],
    InboundScan: ['I', 'Origin Scan'],
    InTransit: ['I', 'Departed from Facility'],
    ExportHub: ['I', 'Export Scan'],
    ImportHub: ['I', 'Import Scan'],
    CustomsIn: ['I', 'Your package is in the clearance process.'],
    DestinationDeliveryCenter: ['I', 'Arrived at Facility'],
    Rerouted: ['I', 'The package was forwarded to a different UPS facility and is being rerouted.'],
    Scheduled: ['I', 'Scheduled for Delivery'],
    OutForDelivery: ['I', 'Out For Delivery Today'],
    Delivered: ['D', 'DELIVERED'],
    Exception: ['X', 'A problem occurred with the package.'],
    Cancelled: ['MV', 'Billing Information Voided'],
  },
  fedex: {
    OrderProcessed: ['OC', 'Shipment information sent to FedEx'],
    InboundScan: ['PU', 'Picked up'],
    InTransit: ['DP', 'Departed FedEx location'],
    DestinationDeliveryCenter: ['AR', 'At local FedEx facility'],
    OutForDelivery: ['OD', 'On FedEx vehicle for delivery'],
    Exception: ['DE', 'Delivery exception'],
    Delivered: ['DL', 'Delivered'],
  },
  usps: {
    OrderProcessed: ['MA', 'Shipping Label Created, USPS Awaiting Item'],
    InboundScan: ['03', 'Accepted at USPS Origin Facility'],
    InTransit: ['10', 'Arrived at USPS Regional Facility'],
    DestinationDeliveryCenter: ['07', 'Arrived at Post Office'],
    OutForDelivery: ['OF', 'Out for Delivery'],
    FailedAttemptFirst: ['02', 'Notice Left (No Authorized Recipient Available)'],
    FailedAttemptFinal: ['02', 'Notice Left (No Authorized Recipient Available)'],
    Delivered: ['01', 'Delivered, In/At Mailbox'],
  },
  postnl: {
    OrderProcessed: ['1', 'Shipment pre-alerted'],
    PickUpScheduled: ['1', 'Shipment pre-alerted, collection planned'],
    InboundScan: ['2', 'Shipment received by PostNL'],
    InTransit: ['5', 'Shipment sorted'],
    OutForDelivery: ['7', 'Shipment out for delivery'],
    FailedAttemptFirst: ['8', 'Shipment not delivered'],
    Delivered: ['11', 'Shipment delivered'],
  },
  dpd: {
    OrderProcessed: ['ACCEPTED', 'Order information has been transmitted to DPD.'],
    InboundScan: ['AT_SENDING_DEPOT', 'At parcel delivery centre.'],
    InTransit: ['ON_THE_ROAD', 'On the road to the delivery depot.'],
    DestinationDeliveryCenter: ['AT_DELIVERY_DEPOT', 'At delivery depot.'],
    OutForDelivery: ['COURIER', 'Out for delivery.'],
    FailedAttemptFirst: ['DELIVERY_FAILURE', 'Unfortunately we have not been able to deliver your parcel.'],
    FailedAttemptSecond: ['DELIVERY_FAILURE', 'Unfortunately we have not been able to deliver your parcel.'],
    Delivered: ['DELIVERED', 'Delivered.'],
    Exception: ['PROBLEM', 'There is a problem with your parcel.'],
  },
  gls: {
    Pending: ['E_404_01', 'Resource not found'],
    OrderProcessed: [
      'PREADVICE',
      'The parcel data was entered into the GLS IT system; the parcel was not yet handed over to GLS.',
    ],
    InboundScan: ['INTRANSIT', 'The parcel was handed over to GLS.'],
    InTransit: ['INTRANSIT', 'The parcel has left the parcel center.'],
    DestinationDeliveryCenter: ['INTRANSIT', 'The parcel has reached the parcel center.'],
    Stored: ['INWAREHOUSE', 'The parcel is stored in the GLS depot.'],
    OutForDelivery: ['INDELIVERY', 'The parcel is expected to be delivered during the day.'],
    FailedAttemptFirst: ['NOTDELIVERED', 'The parcel could not be delivered as the consignee was absent.'],
    PickupReady: ['DELIVEREDPS', 'The parcel has been delivered at the ParcelShop.'],
    Delivered: ['DELIVERED', 'The parcel has been delivered.'],
  },
  demo: {
    OrderProcessed: ['created', 'Shipment created'],
    InboundScan: ['picked_up', 'Picked up from sender'],
    InTransit: ['in_transit', 'In transit'],
    DestinationDeliveryCenter: ['at_hub', 'Arrived at delivery hub'],
    OutForDelivery: ['out_for_delivery', 'Out for delivery'],
  },
};

// Packing happens in the shop's own warehouse system, whichever carrier takes the parcel later.
const WAREHOUSE_RAW: Raw = ['WMS_PACKED', 'Packed and labelled'];

// ---------------------------------------------------------------- articles

type CatalogRow = readonly [
  name: string,
  sku: string,
  price: string,
  category: string,
  size?: string,
  color?: string,
];

const CATALOG = {
  fjellJacket: ['Fjell Down Jacket', 'NLO-FJELL-DJ-M-NVY', '249.00', 'Jackets', 'M', 'Navy'],
  lofotenShell: ['Lofoten 3L Rain Shell', 'NLO-LOFO-RS-L-RED', '189.00', 'Jackets', 'L', 'Red'],
  sarekPants: ['Sarek Trekking Pants', 'NLO-SAREK-TP-32-OLV', '119.00', 'Trousers', '32/32', 'Olive'],
  merinoTop: ['Merino 200 Base Layer Top', 'NLO-MER200-TOP-S-BLK', '79.00', 'Base layers', 'S', 'Black'],
  woolSocks: [
    'Polar Wool Hiking Socks (2 pairs)',
    'NLO-POLAR-SOCK-42-GRY',
    '24.90',
    'Socks',
    '39-42',
    'Grey',
  ],
  trailRunners: ['Vidda Trail Running Shoes', 'NLO-VIDDA-TR-43-BLU', '149.00', 'Footwear', '43', 'Blue'],
  tundraPack: ['Tundra 35 Backpack', 'NLO-TUNDRA35-GRN', '139.00', 'Backpacks', undefined, 'Forest green'],
  sleepingBag: [
    'Kebnekaise -10 °C Sleeping Bag',
    'NLO-KEBNE-SB-REG',
    '299.00',
    'Sleeping',
    'Regular',
    'Orange',
  ],
  headlamp: ['Aurora 400 Headlamp', 'NLO-AURORA400', '44.90', 'Equipment'],
  thermalMug: ['Birch Thermal Mug 0.4 l', 'NLO-BIRCH-MUG-04', '29.90', 'Equipment'],
  beanie: ['Fleece-lined Wool Beanie', 'NLO-BEANIE-WL-CRM', '34.90', 'Accessories', undefined, 'Cream'],
  trekkingPoles: ['Carbon Trekking Poles (pair)', 'NLO-POLES-CRB', '99.00', 'Equipment'],
} satisfies Record<string, CatalogRow>;

type ItemKey = keyof typeof CATALOG;
type Item = ItemKey | readonly [ItemKey, number];

// ---------------------------------------------------------------- compact descriptions

type Country = 'DEU' | 'AUT' | 'CHE' | 'NLD' | 'FRA' | 'GBR' | 'ESP' | 'ITA' | 'SWE' | 'USA';

const COUNTRY_DEFAULTS: Record<Country, { lang: string; tz: string }> = {
  DEU: { lang: 'de', tz: BERLIN },
  AUT: { lang: 'de', tz: 'Europe/Vienna' },
  CHE: { lang: 'de', tz: 'Europe/Zurich' },
  NLD: { lang: 'nl', tz: 'Europe/Amsterdam' },
  FRA: { lang: 'fr', tz: 'Europe/Paris' },
  GBR: { lang: 'en', tz: 'Europe/London' },
  ESP: { lang: 'es', tz: 'Europe/Madrid' },
  ITA: { lang: 'it', tz: 'Europe/Rome' },
  SWE: { lang: 'sv', tz: 'Europe/Stockholm' },
  USA: { lang: 'en', tz: NEW_YORK },
};

type Recipient = readonly [name: string, street: string, postal: string, city: string, country: Country];

/** [start, end] in days from today in the order's time zone, then an optional "HH:MM" window. */
type Eta = readonly [number, number, string?, string?];

type EventSpec = {
  /** How long before `now`, e.g. "2d4h30m". */
  at: string;
  status: StatusCode;
  /** Omitted only for carrier answers without a place; the order's time zone applies then. */
  place?: PlaceKey | Place;
  /** Plain-words explanation; common statuses have a default (see defaultDetails). */
  details?: string;
  raw?: Raw;
  eta?: Eta;
  delivery?: DeliveryLocationType;
  deliveryInfo?: string;
  exception?: ExceptionType;
  nextAction?: NextAction;
  /** How many days, from this event's day, the pickup point keeps the parcel. */
  heldDays?: number;
};

type TrackingSpec = {
  courier: Courier;
  number: string;
  /** Days from today (negative: in the past). */
  announced?: number;
  announcedMin?: number;
  isReturn?: boolean;
  /** When the shop refunded it, as `refund_processed_at` in its additional_attributes (ago). */
  refunded?: string;
  /** Indexes into the order's items, for orders split over several parcels. */
  items?: number[];
  /**
   * Several carriers answer newest first and pushed events can arrive late, so a few trackings
   * list their events out of order on purpose: nothing downstream may rely on array position.
   */
  listed?: 'newest-first' | 'interleaved';
  events: EventSpec[];
};

type OrderSpec = {
  number: number;
  placed: string;
  to: Recipient;
  /** Overrides for the country's defaults (US orders have several zones and a state). */
  tz?: string;
  region?: string;
  items: Item[];
  customerNumber?: string;
  externalReference?: string;
  trackings: TrackingSpec[];
};

// ---------------------------------------------------------------- the shop's orders

const ORDERS: OrderSpec[] = [
  {
    number: 10001,
    placed: '2d6h',
    to: ['Lena Hoffmann', 'Chausseestraße 28', '10115', 'Berlin', 'DEU'],
    items: ['lofotenShell', 'woolSocks'],
    customerNumber: 'C-104233',
    trackings: [
      {
        courier: 'dhl',
        number: '00340434166170416000',
        announced: 1,
        events: [
          { at: '2d5h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '1d23h', status: 'WarehousePrepared', place: 'hamburgWarehouse' },
          { at: '1d9h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '1d2h', status: 'InTransit', place: 'boernicke' },
          {
            at: '5h',
            status: 'DestinationDeliveryCenter',
            place: 'berlin',
            details:
              'The parcel has arrived at the local delivery base. Delivery is planned for the time window shown.',
            eta: [1, 1, '10:00', '14:00'],
          },
        ],
      },
    ],
  },
  {
    number: 10002,
    placed: '3h',
    to: ['Jonas Weber', 'Sendlinger Straße 12', '80331', 'München', 'DEU'],
    items: ['trailRunners'],
    customerNumber: 'C-204518',
    // The label exists, but DHL has not reported anything yet.
    trackings: [{ courier: 'dhl', number: '00340434160721803141', announced: 3, events: [] }],
  },
  {
    number: 10003,
    placed: '45m',
    to: ['Sophie Gruber', 'Neubaugasse 36', '1070', 'Wien', 'AUT'],
    items: ['merinoTop', 'beanie', ['woolSocks', 2]],
    customerNumber: 'C-377902',
    externalReference: 'NLO-WEB-88213',
    trackings: [],
  },
  {
    number: 10004,
    placed: '20h',
    to: ['Daan de Vries', 'Kerkstraat 112', '1017 GP', 'Amsterdam', 'NLD'],
    items: ['tundraPack'],
    trackings: [
      {
        courier: 'postnl',
        number: '3SNLOF552184903',
        announced: 2,
        events: [
          { at: '19h', status: 'OrderProcessed', place: 'venloWarehouse' },
          { at: '7h', status: 'WarehousePrepared', place: 'venloWarehouse' },
          {
            at: '6h30m',
            status: 'PickUpScheduled',
            place: 'venloWarehouse',
            details: 'PostNL will collect the parcel from the shop at the next pickup round.',
            eta: [2, 2, '09:00', '13:00'],
          },
        ],
      },
    ],
  },
  {
    number: 10005,
    placed: '4d3h',
    to: ['Mehmet Yilmaz', 'Hohe Straße 52', '50667', 'Köln', 'DEU'],
    items: ['fjellJacket', 'sarekPants', 'trailRunners'],
    customerNumber: 'C-118640',
    externalReference: 'NLO-WEB-87950',
    trackings: [
      {
        courier: 'dhl',
        number: '00340434160117876346',
        announced: -2,
        items: [0],
        events: [
          { at: '4d2h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '3d8h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '2d20h', status: 'InTransit', place: 'koelnParcelCenter' },
          { at: '2d6h', status: 'OutForDelivery', place: 'koeln' },
          { at: '2d2h', status: 'Delivered', place: 'koeln', delivery: 'Recipient' },
        ],
      },
      {
        courier: 'dhl',
        number: '00340434161223611845',
        announced: -1,
        items: [1],
        events: [
          { at: '4d2h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '2d22h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '2d5h', status: 'InTransit', place: 'koelnParcelCenter' },
          { at: '1d7h', status: 'OutForDelivery', place: 'koeln' },
          {
            at: '1d3h',
            status: 'Delivered',
            place: 'koeln',
            raw: ['delivered', 'The shipment has been delivered to a neighbour'],
            delivery: 'Neighbor',
            deliveryInfo: 'Neighbour: Schmitz, Hohe Straße 50',
          },
        ],
      },
      {
        courier: 'dpd',
        number: '01501317135199',
        announced: 0,
        items: [2],
        events: [
          { at: '3d20h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '1d10h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '1d4h', status: 'InTransit', place: 'hamburgDepot' },
          { at: '6h', status: 'DestinationDeliveryCenter', place: 'koelnDpdDepot' },
          {
            at: '2h',
            status: 'OutForDelivery',
            place: 'koeln',
            details: 'The driver is on the way and will arrive within the one-hour window.',
            eta: [0, 0, '13:30', '14:30'],
          },
        ],
      },
    ],
  },
  {
    number: 10006,
    placed: '5d2h',
    to: ['Clara Schneider', 'Grimmaische Straße 8', '04109', 'Leipzig', 'DEU'],
    items: ['trekkingPoles', 'headlamp'],
    trackings: [
      {
        courier: 'dhl',
        number: '00340434165584267741',
        announced: -2,
        events: [
          { at: '5d1h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '4d20h', status: 'WarehousePrepared', place: 'hamburgWarehouse' },
          { at: '4d9h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '3d4h', status: 'InTransit', place: 'leipzigHub' },
          { at: '2d9h', status: 'OutForDelivery', place: 'leipzig' },
          {
            at: '2d5h',
            status: 'FailedAttemptFirst',
            place: 'leipzig',
            details: 'Nobody was at home. The parcel is being taken to a nearby DHL parcel shop.',
            raw: ['failure', 'The recipient was not at home. The shipment will be taken to a retail outlet'],
          },
          {
            at: '1d22h',
            status: 'PickupReady',
            place: 'leipzigShop',
            details:
              'The parcel is ready for collection at the DHL parcel shop. Bring your ID or the notification card. It is held for 7 days.',
            delivery: 'ParcelShop',
            heldDays: 7,
          },
        ],
      },
    ],
  },
  {
    number: 10007,
    placed: '3d5h',
    to: ['Felix Braun', 'Berger Straße 120', '60316', 'Frankfurt am Main', 'DEU'],
    items: ['thermalMug', 'headlamp'],
    trackings: [
      {
        courier: 'dhl',
        number: '00340434166743082373',
        announced: 0,
        events: [
          { at: '3d4h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '2d9h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '1d20h', status: 'InTransit', place: 'obertshausen' },
          {
            at: '1d8h',
            status: 'OutForDelivery',
            place: 'frankfurt',
            details: 'The parcel is on its way to the Packstation you chose.',
          },
          {
            at: '1d5h',
            status: 'PickupReady',
            place: 'frankfurtPackstation',
            details:
              'The parcel is in Packstation 214. Open the locker with the pickup code from the DHL app or email. It is held for 7 days.',
            raw: ['transit', 'The shipment is ready for pick-up at the PACKSTATION'],
            delivery: 'ParcelLocker',
            heldDays: 7,
          },
        ],
      },
    ],
  },
  {
    number: 10008,
    placed: '7d4h',
    to: ['Camille Laurent', 'Rue de la République 45', '69002', 'Lyon', 'FRA'],
    items: ['sleepingBag'],
    externalReference: 'MKT-FR-550912',
    trackings: [
      {
        courier: 'gls',
        number: '53295913319',
        announced: -2,
        announcedMin: -3,
        events: [
          { at: '7d3h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '6d20h', status: 'WarehousePrepared', place: 'hamburgWarehouse' },
          { at: '6d8h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '5d22h', status: 'InTransit', place: 'neuenstein' },
          { at: '4d6h', status: 'DestinationDeliveryCenter', place: 'saintPriest', eta: [-3, -2] },
          {
            at: '2d3h',
            status: 'Stored',
            place: 'saintPriest',
            details:
              'The parcel is held at the depot because of very high parcel volumes. It will be delivered as soon as possible.',
          },
        ],
      },
    ],
  },
  {
    number: 10009,
    placed: '6d2h',
    to: ['Oliver Bennett', '14 Old Street', 'EC1V 9HX', 'London', 'GBR'],
    items: ['fjellJacket', 'beanie'],
    customerNumber: 'C-512077',
    trackings: [
      {
        courier: 'ups',
        number: '1ZV8R4410302051098',
        announced: -1,
        events: [
          { at: '6d1h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '5d8h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '5d1h', status: 'ExportHub', place: 'koelnUpsHub' },
          { at: '4d9h', status: 'ImportHub', place: 'eastMidlands' },
          { at: '4d8h', status: 'CustomsIn', place: 'eastMidlands' },
          {
            at: '3d22h',
            status: 'Exception',
            place: 'eastMidlands',
            details:
              'Import duties and taxes of GBP 38.40 must be paid before the parcel can be delivered. Use the payment link in the UPS email.',
            raw: [
              'X',
              'The package is being held for import duties and taxes. Payment of import charges is required before delivery.',
            ],
            exception: 'Customs',
            nextAction: 'pay_duties',
          },
        ],
      },
    ],
  },
  {
    number: 10010,
    placed: '17d3h',
    to: ['Lucía Fernández', 'Calle Mayor 21', '28013', 'Madrid', 'ESP'],
    items: ['lofotenShell', 'merinoTop'],
    trackings: [
      {
        courier: 'dhl',
        number: 'JJD00039001165187662',
        announced: -12,
        listed: 'newest-first',
        refunded: '20h',
        events: [
          { at: '17d2h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '16d9h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '16d1h', status: 'ExportHub', place: 'leipzigHub' },
          { at: '14d6h', status: 'ImportHub', place: 'coslada' },
          { at: '13d4h', status: 'DestinationDeliveryCenter', place: 'getafe' },
          { at: '12d7h', status: 'OutForDelivery', place: 'madrid' },
          { at: '12d3h', status: 'FailedAttemptFirst', place: 'madrid' },
          { at: '11d7h', status: 'OutForDelivery', place: 'madrid' },
          {
            at: '11d3h',
            status: 'FailedAttemptSecond',
            place: 'madrid',
            details:
              'The second delivery attempt failed. The parcel is held at the delivery base for 7 days.',
          },
          {
            at: '7d5h',
            status: 'ReturnWarning',
            place: 'getafe',
            details:
              'The parcel has not been collected. It goes back to the shop unless it is collected within 2 days.',
          },
          {
            at: '4d20h',
            status: 'Return',
            place: 'getafe',
            details: 'The parcel is on its way back to the shop.',
          },
          {
            at: '1d6h',
            status: 'ReturnProcessed',
            place: 'hamburgWarehouse',
            details:
              'The parcel was delivered back to Nordlicht Outfitters. The shop will contact you about a refund.',
          },
        ],
      },
    ],
  },
  {
    number: 10011,
    placed: '19d2h',
    to: ['Paul Schäfer', 'Königsallee 60', '40213', 'Düsseldorf', 'DEU'],
    items: [['sarekPants', 2], 'woolSocks'],
    customerNumber: 'C-220871',
    trackings: [
      {
        courier: 'dhl',
        number: '00340434161139661194',
        announced: -16,
        items: [0, 1],
        events: [
          { at: '19d1h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '18d9h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '18d1h', status: 'InTransit', place: 'krefeldParcelCenter' },
          { at: '16d9h', status: 'OutForDelivery', place: 'duesseldorf' },
          { at: '16d5h', status: 'Delivered', place: 'duesseldorf', delivery: 'Recipient' },
        ],
      },
      {
        // The shopper sends one pair of trousers back with the prepaid return label.
        courier: 'dhl',
        number: '00340434163689164361',
        isReturn: true,
        items: [0],
        events: [
          {
            at: '4d3h',
            status: 'Return',
            place: 'duesseldorfShop',
            details: 'The return parcel was handed in at a DHL parcel shop.',
            raw: ['transit', 'The shipment has been posted by the sender at the retail outlet'],
          },
          {
            at: '3d10h',
            status: 'Return',
            place: 'krefeldParcelCenter',
            details: 'The return parcel is on its way to the shop.',
            raw: ['transit', 'The shipment has been processed in the parcel center'],
          },
          {
            at: '1d4h',
            status: 'ReturnProcessed',
            place: 'hamburgWarehouse',
            details:
              'The return has arrived at the Nordlicht returns center. Your refund is being processed.',
            raw: ['delivered', 'The shipment has been successfully delivered'],
          },
        ],
      },
    ],
  },
  {
    number: 10012,
    placed: '6d5h',
    to: ['Emily Carter', '742 S Broadway', '90014', 'Los Angeles', 'USA'],
    tz: LOS_ANGELES,
    region: 'CA',
    items: ['trailRunners', 'woolSocks'],
    customerNumber: 'US-300412',
    trackings: [
      {
        courier: 'usps',
        number: '9400111720450959572087',
        announced: -2,
        listed: 'newest-first',
        events: [
          { at: '6d4h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          { at: '5d10h', status: 'InboundScan', place: 'columbus' },
          {
            at: '3d20h',
            status: 'InTransit',
            place: 'bell',
            raw: ['10', 'Arrived at USPS Regional Facility, LOS ANGELES CA NETWORK DISTRIBUTION CENTER'],
          },
          { at: '3d6h', status: 'DestinationDeliveryCenter', place: 'losAngeles' },
          { at: '3d3h', status: 'OutForDelivery', place: 'losAngeles' },
          {
            at: '2d22h',
            status: 'FailedAttemptFirst',
            place: 'losAngeles',
            details: 'A signature is needed and nobody was available. A notice was left.',
          },
          { at: '2d3h', status: 'OutForDelivery', place: 'losAngeles' },
          {
            at: '1d22h',
            status: 'FailedAttemptFinal',
            place: 'losAngelesPostOffice',
            details:
              'The final delivery attempt failed. The parcel is held at the post office for 15 days: pick it up or schedule a redelivery.',
            nextAction: 'arrange_redelivery',
            heldDays: 15,
          },
        ],
      },
    ],
  },
  {
    number: 10013,
    placed: '9d4h',
    to: ['Giulia Rossi', 'Via Brera 19', '20121', 'Milano', 'ITA'],
    items: ['tundraPack', 'thermalMug'],
    trackings: [
      {
        courier: 'gls',
        number: '56071202530',
        announced: -4,
        listed: 'interleaved',
        events: [
          { at: '9d3h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '8d9h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '7d20h', status: 'InTransit', place: 'neuenstein' },
          { at: '5d10h', status: 'DestinationDeliveryCenter', place: 'settala' },
          { at: '4d9h', status: 'OutForDelivery', place: 'milano' },
          {
            at: '4d5h',
            status: 'FailedAttemptFirst',
            place: 'milano',
            details: 'Nobody was at home. The parcel is being taken to a GLS ParcelShop nearby.',
          },
          {
            at: '3d22h',
            status: 'PickupReady',
            place: 'milanoShop',
            details: 'The parcel is ready for collection at the GLS ParcelShop. Bring your ID.',
            delivery: 'ParcelShop',
          },
          {
            at: '2d6h',
            status: 'Delivered',
            place: 'milanoShop',
            raw: ['DELIVERED', 'The parcel has been picked up from the ParcelShop by the consignee.'],
            delivery: 'ParcelShop',
          },
        ],
      },
    ],
  },
  {
    number: 10014,
    placed: '3d6h',
    to: ['Sanne Bakker', 'Coolsingel 40', '3011 AD', 'Rotterdam', 'NLD'],
    items: [['woolSocks', 2]],
    trackings: [
      {
        courier: 'postnl',
        number: '3SNLOF552184927',
        announced: -1,
        events: [
          { at: '3d5h', status: 'OrderProcessed', place: 'venloWarehouse' },
          { at: '2d22h', status: 'WarehousePrepared', place: 'venloWarehouse' },
          { at: '2d8h', status: 'InboundScan', place: 'venloWarehouse' },
          { at: '1d23h', status: 'InTransit', place: 'nieuwegein' },
          { at: '1d11h', status: 'OutForDelivery', place: 'rotterdam' },
          { at: '1d7h', status: 'Delivered', place: 'rotterdam', delivery: 'Mailbox' },
        ],
      },
    ],
  },
  {
    number: 10015,
    placed: '4d1h',
    to: ['Erik Lindqvist', 'Drottninggatan 50', '111 52', 'Stockholm', 'SWE'],
    items: ['fjellJacket', 'merinoTop'],
    customerNumber: 'C-640019',
    trackings: [
      {
        courier: 'demo',
        number: 'DEMO7304162259',
        announced: 0,
        events: [
          { at: '4d', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '3d7h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '2d14h', status: 'InTransit', place: 'malmo' },
          { at: '20h', status: 'DestinationDeliveryCenter', place: 'rosersberg' },
          { at: '1h30m', status: 'OutForDelivery', place: 'stockholm', eta: [0, 0, '16:00', '18:00'] },
        ],
      },
    ],
  },
  {
    number: 10016,
    placed: '2d8h',
    to: ['Michael Johnson', '350 W 31st St', '10001', 'New York', 'USA'],
    region: 'NY',
    items: ['sleepingBag', 'headlamp'],
    trackings: [
      {
        courier: 'ups',
        number: '1ZV8R4410349594905',
        events: [
          { at: '2d7h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          {
            at: '1d20h',
            status: 'Cancelled',
            place: 'columbusWarehouse',
            details:
              'The shop cancelled this label and created a new one. This parcel number will not be used.',
          },
        ],
      },
      {
        courier: 'ups',
        number: '1ZV8R4410363413289',
        announced: 2,
        events: [
          { at: '1d19h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          { at: '1d2h', status: 'WarehousePrepared', place: 'columbusWarehouse' },
          { at: '3h', status: 'InboundScan', place: 'columbus' },
        ],
      },
    ],
  },
  {
    number: 10017,
    placed: '5d3h',
    to: ['Aisha Thompson', '85 Court St', '11201', 'Brooklyn', 'USA'],
    region: 'NY',
    items: ['lofotenShell'],
    trackings: [
      {
        courier: 'fedex',
        number: '794609853572',
        announced: -1,
        events: [
          { at: '5d2h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          { at: '4d8h', status: 'InboundScan', place: 'groveCity' },
          { at: '3d20h', status: 'InTransit', place: 'memphis', raw: ['AR', 'Arrived at FedEx hub'] },
          { at: '3d12h', status: 'InTransit', place: 'memphis', raw: ['DP', 'Departed FedEx hub'] },
          { at: '2d5h', status: 'DestinationDeliveryCenter', place: 'brooklynStation' },
          { at: '1d8h', status: 'OutForDelivery', place: 'brooklynStation' },
          {
            at: '1d3h',
            status: 'Exception',
            place: 'brooklyn',
            details:
              'The address is missing the apartment number. Contact FedEx to complete the address so the parcel can be delivered.',
            raw: ['DE', 'Incorrect address - Apartment number missing or incorrect'],
            exception: 'AddressIssue',
            nextAction: 'contact_courier',
          },
        ],
      },
    ],
  },
  {
    number: 10018,
    placed: '3d7h',
    to: ['Lukas Fischer', 'Königstraße 28', '70173', 'Stuttgart', 'DEU'],
    items: ['trekkingPoles', 'thermalMug'],
    externalReference: 'NLO-WEB-88004',
    trackings: [
      {
        courier: 'dpd',
        number: '01508415410749',
        announced: -1,
        events: [
          { at: '3d6h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '2d10h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '2d5h', status: 'InTransit', place: 'hamburgDepot' },
          { at: '1d14h', status: 'DestinationDeliveryCenter', place: 'ostfildern' },
          {
            at: '1d9h',
            status: 'Exception',
            place: 'ostfildern',
            details:
              'The parcel was damaged in transit. DPD is checking the contents; the shop will send a replacement if needed.',
            raw: ['PROBLEM', 'The parcel is damaged. The contents are being checked.'],
            exception: 'Damaged',
            nextAction: 'contact_merchant',
          },
        ],
      },
    ],
  },
  {
    number: 10019,
    placed: '42d4h',
    to: ['Matthias Huber', 'Herrengasse 7', '8010', 'Graz', 'AUT'],
    items: ['beanie'],
    // Expired: the carrier stopped reporting weeks ago and the parcel never arrived.
    trackings: [
      {
        courier: 'dpd',
        number: '01508340960530',
        announced: -38,
        events: [
          { at: '42d3h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '41d9h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '41d2h', status: 'InTransit', place: 'hamburgDepot' },
          { at: '39d20h', status: 'InTransit', place: 'wels' },
        ],
      },
    ],
  },
  {
    number: 10020,
    placed: '4d6h',
    to: ['Daniel Kim', '965 Mission St', '94103-1234', 'San Francisco', 'USA'],
    tz: LOS_ANGELES,
    region: 'CA',
    items: ['fjellJacket', 'tundraPack'],
    customerNumber: 'US-300977',
    trackings: [
      {
        courier: 'ups',
        number: '1ZV8R4410313217924',
        announced: 1,
        announcedMin: 0,
        events: [
          { at: '4d5h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          { at: '3d9h', status: 'InboundScan', place: 'columbus' },
          { at: '3d2h', status: 'InTransit', place: 'columbus' },
          {
            at: '1d22h',
            status: 'Rerouted',
            place: 'saltLakeCity',
            details: 'The parcel was sent to the wrong UPS facility and is being rerouted to San Francisco.',
          },
          { at: '14h', status: 'DestinationDeliveryCenter', place: 'sanFranciscoHub' },
          {
            at: '9h',
            status: 'Scheduled',
            place: 'sanFranciscoHub',
            details: 'UPS has scheduled the delivery for a morning time window.',
            eta: [1, 1, '09:00', '12:00'],
          },
        ],
      },
    ],
  },
  {
    number: 10021,
    placed: '5d1h',
    to: ['Noah Meier', 'Langstrasse 120', '8004', 'Zürich', 'CHE'],
    items: ['sarekPants', 'trailRunners'],
    trackings: [
      {
        courier: 'dhl',
        number: 'JJD00039001543001694',
        announced: 0,
        listed: 'interleaved',
        events: [
          { at: '5d', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '4d8h', status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: '3d22h', status: 'ExportHub', place: 'leipzigHub' },
          { at: '3d3h', status: 'ImportHub', place: 'basel' },
          { at: '3d1h', status: 'CustomsIn', place: 'zuerichMuelligen' },
          {
            at: '1d6h',
            status: 'CustomsReleased',
            place: 'zuerichMuelligen',
            details:
              'Customs has released the parcel. The shop prepaid import VAT and duties: nothing to pay on delivery.',
          },
          { at: '16h', status: 'DestinationDeliveryCenter', place: 'zuerich' },
          { at: '2h', status: 'OutForDelivery', place: 'zuerich', eta: [0, 0, '12:00', '17:00'] },
        ],
      },
    ],
  },
  {
    number: 10022,
    placed: '3d2h',
    to: ['Lotte Jansen', 'Oudegracht 150', '3511 AZ', 'Utrecht', 'NLD'],
    items: ['merinoTop', 'beanie'],
    trackings: [
      {
        courier: 'postnl',
        number: '3SNLOF552184935',
        announced: 0,
        events: [
          { at: '3d1h', status: 'OrderProcessed', place: 'venloWarehouse' },
          { at: '2d20h', status: 'WarehousePrepared', place: 'venloWarehouse' },
          { at: '2d6h', status: 'InboundScan', place: 'venloWarehouse' },
          { at: '1d21h', status: 'InTransit', place: 'nieuwegein' },
          { at: '6h', status: 'OutForDelivery', place: 'utrecht' },
          {
            at: '3h',
            status: 'FailedAttemptFirst',
            place: 'utrecht',
            details:
              'We missed you. PostNL will try again on the next delivery day, or you can choose a PostNL point.',
            raw: ['8', 'Shipment not delivered: recipient not at home'],
            eta: [1, 1, '09:00', '13:00'],
          },
        ],
      },
    ],
  },
  {
    number: 10023,
    placed: '5d',
    to: ['Stefan Wagner', 'Favoritenstraße 88', '1100', 'Wien', 'AUT'],
    items: ['trailRunners'],
    trackings: [
      {
        courier: 'dpd',
        number: '01500140210765',
        announced: -1,
        events: [
          { at: '4d23h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '4d9h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '4d2h', status: 'InTransit', place: 'hamburgDepot' },
          { at: '2d23h', status: 'DestinationDeliveryCenter', place: 'wienDepot' },
          { at: '2d8h', status: 'OutForDelivery', place: 'wien' },
          { at: '2d4h', status: 'FailedAttemptFirst', place: 'wien' },
          { at: '1d8h', status: 'OutForDelivery', place: 'wien' },
          {
            at: '1d4h',
            status: 'FailedAttemptSecond',
            place: 'wien',
            details:
              'The second delivery attempt failed. DPD will try once more, or you can send the parcel to a DPD Pickup shop.',
            eta: [1, 1, '08:00', '18:00'],
          },
        ],
      },
    ],
  },
  {
    number: 10024,
    placed: '4d5h',
    to: ['Hugo Martin', 'Rue Oberkampf 60', '75011', 'Paris', 'FRA'],
    items: ['merinoTop', 'beanie', 'sleepingBag'],
    customerNumber: 'C-733105',
    trackings: [
      {
        courier: 'dpd',
        number: '01500955333047',
        announced: -1,
        items: [0, 1],
        events: [
          { at: '4d4h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '3d9h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '3d2h', status: 'InTransit', place: 'hamburgDepot' },
          { at: '1d12h', status: 'DestinationDeliveryCenter', place: 'chillyMazarin' },
          { at: '1d6h', status: 'OutForDelivery', place: 'paris' },
          { at: '1d2h', status: 'Delivered', place: 'paris', delivery: 'Recipient' },
        ],
      },
      {
        // The sleeping bag is bulky and ships separately with UPS.
        courier: 'ups',
        number: '1ZV8R4410309103779',
        announced: 1,
        items: [2],
        events: [
          { at: '4d4h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '2d9h', status: 'InboundScan', place: 'hamburgDepot' },
          { at: '2d2h', status: 'InTransit', place: 'koelnUpsHub' },
          { at: '10h', status: 'DestinationDeliveryCenter', place: 'wissous', eta: [1, 1, '09:00', '18:00'] },
        ],
      },
    ],
  },
  {
    number: 10025,
    placed: '5d2h',
    to: ['Rachel Nguyen', '210 Newbury St', '02116', 'Boston', 'USA'],
    region: 'MA',
    items: ['lofotenShell', 'trekkingPoles'],
    externalReference: 'MKT-US-190233',
    trackings: [
      {
        courier: 'ups',
        number: '1ZV8R4410311234758',
        announced: -2,
        items: [0],
        events: [
          { at: '5d1h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          { at: '4d9h', status: 'InboundScan', place: 'columbus' },
          { at: '4d2h', status: 'InTransit', place: 'columbus' },
          { at: '2d14h', status: 'DestinationDeliveryCenter', place: 'chelmsford' },
          { at: '2d7h', status: 'OutForDelivery', place: 'boston' },
          {
            at: '2d1h',
            status: 'Delivered',
            place: 'boston',
            delivery: 'Doorstep',
            deliveryInfo: 'Front porch',
          },
        ],
      },
      {
        courier: 'ups',
        number: '1ZV8R4410334722017',
        announced: -2,
        items: [1],
        events: [
          { at: '5d1h', status: 'OrderProcessed', place: 'columbusWarehouse' },
          { at: '4d9h', status: 'InboundScan', place: 'columbus' },
          {
            at: '3d20h',
            status: 'InTransit',
            place: 'parsippany',
            details: 'The parcel is delayed at a UPS facility. A new delivery date will follow.',
            raw: [
              'I',
              "Your package is delayed. We're adjusting plans to deliver your package as quickly as possible.",
            ],
          },
        ],
      },
    ],
  },
  {
    number: 10026,
    placed: '6h',
    to: ['Pablo García', 'Carrer de Ferran 15', '08002', 'Barcelona', 'ESP'],
    items: ['headlamp', 'thermalMug'],
    trackings: [
      {
        courier: 'gls',
        number: '54078326267',
        announced: 3,
        // A carrier poll that found nothing yet is stored as a Pending checkpoint without a place.
        events: [
          {
            at: '2h',
            status: 'Pending',
            details: 'The shop has created a label. GLS has no data for this parcel yet.',
          },
        ],
      },
    ],
  },
  {
    number: 10027,
    placed: '4d5h',
    to: ['Marco Bianchi', 'Via Nazionale 75', '00184', 'Roma', 'ITA'],
    items: ['sarekPants'],
    // Packed days ago but never scanned by the carrier: the watchlist's "forgotten" case.
    trackings: [
      {
        courier: 'gls',
        number: '56407289834',
        announced: -1,
        events: [
          { at: '4d4h', status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: '3d21h', status: 'WarehousePrepared', place: 'hamburgWarehouse' },
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------- delivery history

// Older DHL deliveries within Germany. They give the account a transit-time distribution
// (first carrier scan → delivery, 1–4 days) for trending-late predictions.
type HistoryRow = readonly [
  name: string,
  street: string,
  postal: string,
  city: string,
  parcelCenter: string,
  parcelCenterPostal: string,
  ageDays: number,
  transitHours: number,
  delivery: DeliveryLocationType,
];

const HISTORY: HistoryRow[] = [
  ['Hannah Schulz', 'Georgstraße 21', '30159', 'Hannover', 'Lehrte', '31275', 22, 27, 'Recipient'],
  ['Maximilian Koch', 'Obernstraße 40', '28195', 'Bremen', 'Bremen', '28197', 27, 30, 'Neighbor'],
  [
    'Laura Richter',
    'Wilsdruffer Straße 9',
    '01067',
    'Dresden',
    'Ottendorf-Okrilla',
    '01458',
    31,
    46,
    'Recipient',
  ],
  ['Tobias Klein', 'Karolinenstraße 30', '90402', 'Nürnberg', 'Feucht', '90537', 36, 50, 'Mailbox'],
  ['Marie Wolf', 'Holstenstraße 55', '24103', 'Kiel', 'Neumünster', '24539', 41, 26, 'Doorstep'],
  ['Leon Neumann', 'Ludgeristraße 60', '48143', 'Münster', 'Greven', '48268', 45, 70, 'Recipient'],
  [
    'Emma Schwarz',
    'Kaiser-Joseph-Straße 200',
    '79098',
    'Freiburg',
    'Kenzingen',
    '79341',
    50,
    44,
    'ParcelLocker',
  ],
  ['Finn Zimmermann', 'Ludwigsstraße 4', '55116', 'Mainz', 'Obertshausen', '63179', 54, 52, 'Recipient'],
  ['Mia Hartmann', 'Kröpeliner Straße 33', '18055', 'Rostock', 'Börnicke', '14641', 59, 29, 'Neighbor'],
  ['Julian Lange', 'Bahnhofstraße 12', '86150', 'Augsburg', 'Aschheim', '85609', 63, 94, 'PostOffice'],
  ['Sarah Krause', 'Sternstraße 17', '53111', 'Bonn', 'Köln', '50997', 68, 48, 'Recipient'],
  ['Niklas Werner', 'Kettwiger Straße 25', '45127', 'Essen', 'Bochum', '44809', 74, 33, 'Doorstep'],
  ['Lea Lehmann', 'Anger 50', '99084', 'Erfurt', 'Nohra', '99428', 81, 75, 'Recipient'],
  ['David Köhler', 'Kaiserstraße 95', '76133', 'Karlsruhe', 'Bruchsal', '76646', 88, 41, 'Neighbor'],
];

const HISTORY_ITEMS: ItemKey[] = [
  'merinoTop',
  'trailRunners',
  'fjellJacket',
  'woolSocks',
  'tundraPack',
  'headlamp',
];

/** A DHL Paket number: "00" + an SSCC whose last digit is the GS1 check digit. */
function dhlParcelNumber(serial: number): string {
  const body = `34043417${String(serial).padStart(9, '0')}`;
  const sum = [...body].reverse().reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 3 : 1), 0);
  return `00${body}${(10 - (sum % 10)) % 10}`;
}

function historyOrder(row: HistoryRow, index: number): OrderSpec {
  const [name, street, postal, city, centerCity, centerPostal, ageDays, transitHours, delivery] = row;
  const germany = (c: string, postal_code: string): Place => ({
    city: c,
    postal_code,
    country_iso3: 'DEU',
    tz: BERLIN,
  });
  // Minutes before now: the order, then 20 h to the first scan, then the transit time.
  const ordered = ageDays * 24 * 60 + ((index * 97) % 600);
  const inbound = ordered - 20 * 60;
  const delivered = inbound - transitHours * 60;
  const at = (minutesAgo: number) => `${minutesAgo}m`;
  const home = germany(city, postal);
  return {
    number: 10030 + index,
    placed: at(ordered),
    to: [name, street, postal, city, 'DEU'],
    items: [HISTORY_ITEMS[index % HISTORY_ITEMS.length]!],
    ...(index % 3 === 0 ? { customerNumber: `C-${90100 + index * 17}` } : {}),
    trackings: [
      {
        courier: 'dhl',
        number: dhlParcelNumber(fnv1a(`history:${index}`) % 1_000_000_000),
        announced: -(ageDays - 3),
        events: [
          { at: at(ordered - 60), status: 'OrderProcessed', place: 'hamburgWarehouse' },
          { at: at(inbound), status: 'InboundScan', place: 'hamburgParcelCenter' },
          { at: at(inbound - 5 * 60), status: 'InTransit', place: germany(centerCity, centerPostal) },
          { at: at(delivered + 4 * 60), status: 'OutForDelivery', place: home },
          { at: at(delivered), status: 'Delivered', place: home, delivery },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------- building the bodies

const DELIVERED_TEXT: Record<DeliveryLocationType, string> = {
  Recipient: 'The parcel was handed to the recipient.',
  Neighbor: 'Nobody was at home, so the parcel was left with a neighbour.',
  Doorstep: 'The parcel was left at the front door.',
  Mailbox: 'The parcel was delivered to the mailbox.',
  ParcelShop: 'The parcel was collected from the parcel shop.',
  ParcelLocker: 'The parcel was collected from the parcel locker.',
  PostOffice: 'The parcel was collected from the post office.',
  Other: 'The parcel was delivered.',
};

/** Plain-words text for the everyday statuses, so the tables only spell out the unusual ones. */
function defaultDetails(spec: EventSpec, courier: Courier, place: Place | undefined): string {
  const carrier = COURIERS.get(courier)?.name ?? courier;
  const city = place?.city ?? '';
  switch (spec.status) {
    case 'OrderProcessed':
      return `The shop has sent the shipment details to ${carrier}.`;
    case 'WarehousePrepared':
      return `The parcel was packed and labelled in the Nordlicht warehouse in ${city}.`;
    case 'InboundScan':
      return `${carrier} picked up the parcel and scanned it in ${city}.`;
    case 'InTransit':
      return `The parcel was sorted in ${city} and is on its way.`;
    case 'ExportHub':
      return `The parcel was processed for export at the international hub in ${city}.`;
    case 'ImportHub':
      return `The parcel has arrived in the destination country and was scanned in ${city}.`;
    case 'CustomsIn':
      return 'The parcel is being checked by customs.';
    case 'DestinationDeliveryCenter':
      return `The parcel has arrived at the delivery base in ${city}.`;
    case 'OutForDelivery':
      return 'The parcel is out for delivery.';
    case 'FailedAttemptFirst':
      return 'Nobody was at home. The courier will try again on the next working day.';
    case 'Delivered':
      return DELIVERED_TEXT[spec.delivery ?? 'Other'];
    default:
      throw new Error(`Write event_details for ${spec.status} at ${spec.at}`);
  }
}

/** FNV-1a; only used to derive stable, UUID-shaped ids from order numbers. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function demoUuid(seed: string): string {
  const hex = [0, 1, 2, 3].map((i) => fnv1a(`${seed}#${i}`).toString(16).padStart(8, '0')).join('');
  const variant = '89ab'.charAt(parseInt(hex.charAt(16), 16) % 4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

function articleOf(item: Item): ArticleInput {
  const [key, quantity] = typeof item === 'string' ? [item, 1] : item;
  const [article_name, sku, unit_price, article_category, size, color]: CatalogRow = CATALOG[key];
  return {
    article_name,
    sku,
    article_brand: 'Nordlicht',
    article_category,
    ...(size ? { size } : {}),
    ...(color ? { color } : {}),
    unit_price,
    quantity,
  };
}

function locationOf(place: Place) {
  return {
    ...(place.name ? { name: place.name } : {}),
    ...(place.address ? { address: place.address } : {}),
    city: place.city,
    postal_code: place.postal_code,
    country_iso3: place.country_iso3,
  };
}

type BuildContext = { nowMs: number; tz: string };

function buildEvent(spec: EventSpec, tracking: TrackingSpec, ctx: BuildContext): EventInput {
  const place: Place | undefined = typeof spec.place === 'string' ? PLACES[spec.place] : spec.place;
  const instant = ctx.nowMs - parseAgo(spec.at) * MINUTE_MS;
  const raw =
    spec.raw ?? (spec.status === 'WarehousePrepared' ? WAREHOUSE_RAW : RAW[tracking.courier][spec.status]);
  if (!raw) throw new Error(`No raw ${tracking.courier} wording for ${spec.status} (${tracking.number})`);
  const day = (days: number) => dateInZone(ctx.nowMs, ctx.tz, days);
  return {
    courier: tracking.courier,
    tracking_number: tracking.number,
    event_status: spec.status,
    event_timestamp: isoInZone(instant, place?.tz ?? ctx.tz),
    ...(place ? { location: locationOf(place) } : {}),
    event_details: spec.details ?? defaultDetails(spec, tracking.courier, place),
    event_details_language: 'en',
    ...(spec.delivery ? { delivery_location_type: spec.delivery } : {}),
    ...(spec.deliveryInfo ? { delivery_extra_info: spec.deliveryInfo } : {}),
    ...(spec.exception ? { exception_type: spec.exception } : {}),
    ...(spec.nextAction ? { next_action: spec.nextAction } : {}),
    ...(spec.eta
      ? {
          estimated_delivery_date: {
            start_date: day(spec.eta[0]),
            end_date: day(spec.eta[1]),
            start_time: spec.eta[2] ?? null,
            end_time: spec.eta[3] ?? null,
          },
        }
      : {}),
    ...((spec.status === 'PickupReady' || spec.heldDays) && place?.hours
      ? {
          pickup_location: {
            name: place.name ?? null,
            address: place.address ?? place.city,
            city: place.city,
            postal_code: place.postal_code,
            country_iso3: place.country_iso3,
            opening_hours: place.hours,
            ...(spec.heldDays ? { held_until: dateInZone(instant, place.tz, spec.heldDays) } : {}),
          },
        }
      : {}),
    raw_code: raw[0],
    raw_text: raw[1],
  };
}

function listInOrder<T>(events: T[], listed: TrackingSpec['listed']): T[] {
  if (listed === 'newest-first') return [...events].reverse();
  if (listed === 'interleaved') {
    return [...events.filter((_, i) => i % 2 === 1), ...events.filter((_, i) => i % 2 === 0)];
  }
  return events;
}

function buildOrder(spec: OrderSpec, nowMs: number): { order: OrderInput; events: EventInput[] } {
  const [name, street, postal, city, country] = spec.to;
  const [first = name, ...rest] = name.split(' ');
  const last = rest.join(' ');
  const tz = spec.tz ?? COUNTRY_DEFAULTS[country].tz;
  const articles = spec.items.map(articleOf);
  const orderNumber = `NL-${spec.number}`;
  const trackings: TrackingInput[] = spec.trackings.map((t) => ({
    tracking_number: t.number,
    courier: t.courier,
    recipient_postal_code: postal,
    ...(t.items
      ? { articles: t.items.map((i) => articles[i]).filter((a): a is ArticleInput => a !== undefined) }
      : {}),
    ...(t.announced !== undefined ? { announced_delivery_date: dateInZone(nowMs, tz, t.announced) } : {}),
    ...(t.announcedMin !== undefined
      ? { announced_delivery_date_min: dateInZone(nowMs, tz, t.announcedMin) }
      : {}),
    ...(t.isReturn ? { is_return: true } : {}),
    ...(t.refunded
      ? {
          additional_attributes: {
            refund_processed_at: isoInZone(nowMs - parseAgo(t.refunded) * MINUTE_MS, tz),
          },
        }
      : {}),
  }));
  const order: OrderInput = {
    order_number: orderNumber,
    external_order_id: demoUuid(`${DEMO_ACCOUNT_ID}:${orderNumber}`),
    ...(spec.externalReference ? { external_reference: spec.externalReference } : {}),
    ...(spec.customerNumber ? { customer_number: spec.customerNumber } : {}),
    order_date: isoInZone(nowMs - parseAgo(spec.placed) * MINUTE_MS, tz),
    recipient_name: name,
    // Reserved example domains only, so a demo can never email a real person.
    recipient_email: `${asciiSlug(first)}.${asciiSlug(last)}@example.${spec.number % 2 ? 'com' : 'org'}`,
    destination_country_iso3: country,
    language_iso2: COUNTRY_DEFAULTS[country].lang,
    timezone: tz,
    shipping_address: {
      first_name: first,
      last_name: last,
      address_line: street,
      postal_code: postal,
      city,
      country_iso3: country,
      ...(spec.region ? { region_code: spec.region } : {}),
    },
    articles,
    trackings,
  };
  const ctx: BuildContext = { nowMs, tz };
  const events = spec.trackings.flatMap((t) =>
    listInOrder(
      t.events.map((e) => buildEvent(e, t, ctx)),
      t.listed,
    ),
  );
  return { order, events };
}

/**
 * The demo account's orders (bodies for `PUT /v4/track/orders/`) and carrier events (bodies for
 * `POST /v4/track/events/`), all placed relative to `now`. Pure: same `now`, same output.
 */
export function buildDemoShop(now: Date): DemoShop {
  const time = now.getTime();
  if (Number.isNaN(time)) throw new RangeError('buildDemoShop needs a valid date');
  // Whole minutes keep timestamps tidy; shifting `now` still shifts everything by the same amount.
  const nowMs = Math.floor(time / MINUTE_MS) * MINUTE_MS;
  const specs = [...ORDERS, ...HISTORY.map(historyOrder)];
  const built = specs.map((spec) => buildOrder(spec, nowMs));
  return { orders: built.map((b) => b.order), events: built.flatMap((b) => b.events) };
}
