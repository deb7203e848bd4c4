import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerLater, listenOnLoopback, sendJson } from './harness';

// A local stand-in for the FedEx Track API and its OAuth endpoint, in their wire format. Numbers
// in the POST body pick the scenario (a request-wide one wins over per-number ones):
//   FDXNF…       200 with trackResults[].error TRACKING.TRACKINGNUMBER.NOTFOUND (per number)
//   FDXEXPIRED…  the first call for that number declares the bearer token expired (FedEx's 401
//                NOT.AUTHORIZED.ERROR body, the token stays dead), so only a renewed token succeeds
//   FDX401…      401 whatever the token       FDX429…  429 + Retry-After   FDX429NR…  429 without it
//   FDX500…      500                          FDXSLOW… answers after 5 s   FDXBAD…    malformed JSON
//   FDXSHAPE…    valid JSON, not FedEx's shape
//   FDXDL…       delivered (front door, received by name)     FDXHAL… waiting at a FedEx Office
//   FDXATT…      two failed delivery attempts                 anything else: out for delivery
// GET /__calls?trackingNumber=… says how often a number was asked for.

export const FAKE_FEDEX_CLIENT_ID = 'fake-fedex-client-id';
export const FAKE_FEDEX_CLIENT_SECRET = 'fake-fedex-client-secret';

type Place = { city: string; stateOrProvinceCode: string; postalCode: string; countryCode: string };
const HAMBURG: Place = { city: 'HAMBURG', stateOrProvinceCode: '', postalCode: '22113', countryCode: 'DE' };
const MEMPHIS: Place = { city: 'MEMPHIS', stateOrProvinceCode: 'TN', postalCode: '38118', countryCode: 'US' };
const DENVER: Place = { city: 'DENVER', stateOrProvinceCode: 'CO', postalCode: '80216', countryCode: 'US' };

const countryNames: Record<string, string> = { DE: 'Germany', US: 'United States' };

function scan(
  date: string,
  eventType: string,
  eventDescription: string,
  place: Place | null,
  derivedStatusCode: string,
  derivedStatus: string,
  exception: { code: string; description: string } = { code: '', description: '' },
) {
  return {
    date,
    eventType,
    eventDescription,
    exceptionCode: exception.code,
    exceptionDescription: exception.description,
    scanLocation: place
      ? { streetLines: [''], ...place, residential: false, countryName: countryNames[place.countryCode] }
      : { streetLines: [''], residential: false },
    locationId: place ? '0802' : '',
    locationType: place ? 'FEDEX_FACILITY' : '',
    derivedStatusCode,
    derivedStatus,
  };
}

// Oldest last, as FedEx sends them: Hamburg to Denver through the Memphis hub.
const JOURNEY = [
  scan('2026-11-26T06:18:00-07:00', 'AR', 'At local FedEx facility', DENVER, 'IT', 'In transit'),
  scan('2026-11-26T02:47:00-06:00', 'DP', 'Departed FedEx hub', MEMPHIS, 'IT', 'In transit'),
  scan(
    '2026-11-25T10:02:00-06:00',
    'CC',
    'International shipment release - Import',
    MEMPHIS,
    'IT',
    'In transit',
  ),
  scan('2026-11-25T09:31:00-06:00', 'AR', 'Arrived at FedEx hub', MEMPHIS, 'IT', 'In transit'),
  scan('2026-11-24T22:05:00+01:00', 'DP', 'Left FedEx origin facility', HAMBURG, 'IT', 'In transit'),
  scan('2026-11-24T18:40:00+01:00', 'PU', 'Picked up', HAMBURG, 'PU', 'Picked up'),
  scan('2026-11-24T16:12:00+01:00', 'OC', 'Shipment information sent to FedEx', null, 'IN', 'Initiated'),
];
const outForDelivery = (date = '2026-11-27T07:58:00-07:00') =>
  scan(date, 'OD', 'On FedEx vehicle for delivery', DENVER, 'IT', 'In transit');
const NOBODY_HOME = { code: '08', description: 'Customer not available or business closed' };

function latest(code: string, description: string, place: Place | null, ancillaryDetails?: unknown[]) {
  return {
    code,
    derivedCode: code,
    statusByLocale: description,
    description,
    scanLocation: place ?? {},
    ...(ancillaryDetails ? { ancillaryDetails } : {}),
  };
}

function trackResult(trackingNumber: string) {
  const base = {
    trackingNumberInfo: {
      trackingNumber,
      trackingNumberUniqueId: `12029~${trackingNumber}~FDXE`,
      carrierCode: 'FDXE',
    },
    additionalTrackingInfo: { nickname: '', hasAssociatedShipments: false },
    shipperInformation: {
      address: { city: 'HAMBURG', countryCode: 'DE', residential: false, countryName: 'Germany' },
    },
    recipientInformation: {
      address: { city: 'DENVER', stateOrProvinceCode: 'CO', countryCode: 'US', residential: false },
    },
    serviceDetail: {
      type: 'INTERNATIONAL_PRIORITY',
      description: 'FedEx International Priority',
      shortDescription: 'IP',
    },
    packageDetails: { count: '1', weightAndDimensions: { weight: [{ value: '2.3', unit: 'KG' }] } },
    availableImages: [],
    specialHandlings: [],
  };
  const shipped = [
    { type: 'ACTUAL_PICKUP', dateTime: '2026-11-24T18:40:00+01:00' },
    { type: 'SHIP', dateTime: '2026-11-24T00:00:00+01:00' },
    { type: 'ACTUAL_TENDER', dateTime: '2026-11-24T18:40:00+01:00' },
  ];
  if (trackingNumber.startsWith('FDXDL')) {
    return {
      ...base,
      latestStatusDetail: latest('DL', 'Delivered', DENVER),
      dateAndTimes: [{ type: 'ACTUAL_DELIVERY', dateTime: '2026-11-27T11:47:00-07:00' }, ...shipped],
      deliveryDetails: {
        receivedByName: 'M.MILLER',
        signedByName: '',
        deliveryAttempts: '0',
        deliveryToday: false,
        locationDescription: 'Front Door',
        locationType: 'RESIDENCE',
        actualDeliveryAddress: {
          city: 'DENVER',
          stateOrProvinceCode: 'CO',
          countryCode: 'US',
          residential: true,
        },
      },
      scanEvents: [
        scan('2026-11-27T11:47:00-07:00', 'DL', 'Delivered', DENVER, 'DL', 'Delivered'),
        outForDelivery(),
        ...JOURNEY,
      ],
    };
  }
  if (trackingNumber.startsWith('FDXHAL')) {
    return {
      ...base,
      latestStatusDetail: latest('HP', 'Ready for recipient pickup', DENVER),
      dateAndTimes: shipped,
      holdAtLocation: {
        locationId: 'DNVKO',
        locationType: 'FEDEX_OFFICE',
        locationContactAndAddress: {
          contact: {
            personName: '',
            companyName: 'FedEx Office Print & Ship Center',
            phoneNumber: '3035550142',
          },
          address: {
            streetLines: ['1550 Wewatta St'],
            city: 'DENVER',
            stateOrProvinceCode: 'CO',
            postalCode: '80202',
            countryCode: 'US',
            residential: false,
          },
        },
      },
      scanEvents: [
        scan(
          '2026-11-27T09:12:00-07:00',
          'HP',
          'Ready for recipient pickup',
          DENVER,
          'HP',
          'Ready for pickup',
        ),
        ...JOURNEY,
      ],
    };
  }
  if (trackingNumber.startsWith('FDXATT')) {
    return {
      ...base,
      latestStatusDetail: latest('DE', 'Delivery exception', DENVER, [
        {
          reason: '08',
          reasonDescription: NOBODY_HOME.description,
          action: '',
          actionDescription: 'We will attempt delivery on the next business day',
        },
      ]),
      dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2026-11-30T00:00:00-07:00' }, ...shipped],
      deliveryDetails: { deliveryAttempts: '2', deliveryToday: false },
      scanEvents: [
        scan(
          '2026-11-28T13:40:00-07:00',
          'DE',
          'Delivery exception',
          DENVER,
          'DE',
          'Delivery exception',
          NOBODY_HOME,
        ),
        outForDelivery('2026-11-28T08:02:00-07:00'),
        scan(
          '2026-11-27T18:03:00-07:00',
          'RR',
          'Delivery options requested',
          null,
          'RR',
          'Delivery options requested',
        ),
        scan(
          '2026-11-27T12:20:00-07:00',
          'DE',
          'Delivery exception',
          DENVER,
          'DE',
          'Delivery exception',
          NOBODY_HOME,
        ),
        outForDelivery(),
        ...JOURNEY,
      ],
    };
  }
  return {
    ...base,
    latestStatusDetail: latest('OD', 'On FedEx vehicle for delivery', DENVER),
    dateAndTimes: [
      { type: 'ESTIMATED_DELIVERY', dateTime: '2026-11-27T14:30:00-07:00' },
      { type: 'COMMITMENT', dateTime: '2026-11-27T18:00:00-07:00' },
      ...shipped,
    ],
    estimatedDeliveryTimeWindow: {
      description: '',
      type: 'ESTIMATED_DELIVERY',
      window: { begins: '2026-11-27T10:30:00-07:00', ends: '2026-11-27T14:30:00-07:00' },
    },
    deliveryDetails: { deliveryAttempts: '0', deliveryToday: true },
    scanEvents: [outForDelivery(), ...JOURNEY],
  };
}

function notFound(trackingNumber: string) {
  return {
    trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: '', carrierCode: '' },
    error: {
      code: 'TRACKING.TRACKINGNUMBER.NOTFOUND',
      message: 'Tracking number cannot be found. Please correct the tracking number and try again.',
    },
  };
}

const errorBody = (code: string, message: string) => ({
  transactionId: `fake-${Math.random().toString(16).slice(2, 10)}`,
  errors: [{ code, message }],
});
const notAuthorized = () =>
  errorBody('NOT.AUTHORIZED.ERROR', 'Access token expired. Please modify your request and try again.');

export async function startFakeFedex(): Promise<{
  url: string;
  calls: (trackingNumber: string) => number;
  /** Tokens handed out so far. */
  tokensIssued: () => number;
  /** POSTs to the track endpoint so far. */
  trackRequests: () => number;
  close: () => Promise<void>;
}> {
  const calls = new Map<string, number>();
  const liveTokens = new Set<string>();
  const expiredFor = new Set<string>();
  let issued = 0;
  let trackRequests = 0;

  const json = sendJson;

  function token(res: ServerResponse, form: URLSearchParams) {
    const known =
      form.get('client_id') === FAKE_FEDEX_CLIENT_ID &&
      form.get('client_secret') === FAKE_FEDEX_CLIENT_SECRET;
    if (form.get('grant_type') !== 'client_credentials' || !known) {
      return json(
        res,
        401,
        errorBody(
          'NOT.AUTHORIZED.ERROR',
          'The given client credentials were not valid. Please modify your request and try again.',
        ),
      );
    }
    const accessToken = `fake-fedex-token-${++issued}`;
    liveTokens.add(accessToken);
    json(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: 3599, scope: 'CXS' });
  }

  function track(req: IncomingMessage, res: ServerResponse, raw: string) {
    trackRequests++;
    let numbers: string[];
    try {
      const body = JSON.parse(raw) as {
        trackingInfo?: Array<{ trackingNumberInfo?: { trackingNumber?: string } }>;
      };
      numbers = (body.trackingInfo ?? []).map((t) => t.trackingNumberInfo?.trackingNumber ?? '');
    } catch {
      return json(res, 400, errorBody('INVALID.INPUT.EXCEPTION', 'Invalid field value in the input'));
    }
    for (const n of numbers) calls.set(n, (calls.get(n) ?? 0) + 1);
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!liveTokens.has(bearer)) return json(res, 401, notAuthorized());
    const has = (prefix: string) => numbers.some((n) => n.startsWith(prefix));
    const expiring = numbers.filter((n) => n.startsWith('FDXEXPIRED') && !expiredFor.has(n));
    if (expiring.length > 0) {
      // As if the token ran out just now: it stays dead, so a retry with it fails too.
      expiring.forEach((n) => expiredFor.add(n));
      liveTokens.delete(bearer);
      return json(res, 401, notAuthorized());
    }
    if (has('FDX401')) return json(res, 401, notAuthorized());
    if (numbers.length === 0 || numbers.some((n) => n === '')) {
      return json(res, 400, errorBody('TRACKING.TRACKINGNUMBER.EMPTY', 'Please provide tracking number.'));
    }
    if (numbers.length > 30) {
      return json(
        res,
        400,
        errorBody('TRACKING.TRACKINGNUMBER.LIMIT', 'Please provide at most 30 tracking numbers.'),
      );
    }
    if (has('FDX429NR')) {
      return json(
        res,
        429,
        errorBody('TOO.MANY.REQUESTS.ERROR', 'Daily transaction quota exceeded. Retry after 12:00AM GMT.'),
      );
    }
    if (has('FDX429')) {
      return json(
        res,
        429,
        errorBody(
          'TOO.MANY.REQUESTS.ERROR',
          'We have received too many requests in a short duration. Please wait a while to try again.',
        ),
        { 'Retry-After': '10' },
      );
    }
    if (has('FDX500')) {
      return json(
        res,
        500,
        errorBody(
          'INTERNAL.SERVER.ERROR',
          'We encountered an unexpected error and are working to resolve the issue. Please try again later.',
        ),
      );
    }
    if (has('FDXBAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"transactionId":"fake","output":{"completeTrackResults":[{"trackingNumber":');
    }
    if (has('FDXSHAPE')) return json(res, 200, { transactionId: 'fake', output: { alerts: 'nothing here' } });
    const answer = () => {
      const missing = numbers.filter((n) => n.startsWith('FDXNF'));
      json(res, 200, {
        transactionId: `fake-${trackRequests}`,
        customerTransactionId: req.headers['x-customer-transaction-id'],
        output: {
          ...(missing.length ? { alerts: 'TRACKING.DATA.NOTFOUND -  Tracking data unavailable' } : {}),
          completeTrackResults: numbers.map((n) => ({
            trackingNumber: n,
            trackResults: [n.startsWith('FDXNF') ? notFound(n) : trackResult(n)],
          })),
        },
      });
    };
    if (has('FDXSLOW')) {
      return answerLater(res, answer);
    }
    answer();
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (req.method === 'GET' && url.pathname === '/__calls') {
        return json(res, 200, { calls: calls.get(url.searchParams.get('trackingNumber') ?? '') ?? 0 });
      }
      if (req.method === 'POST' && url.pathname === '/oauth/token')
        return token(res, new URLSearchParams(raw));
      if (req.method === 'POST' && url.pathname === '/track/v1/trackingnumbers') return track(req, res, raw);
      json(res, 404, errorBody('NOT.FOUND.ERROR', 'The resource you requested is no longer available.'));
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    calls: (tn) => calls.get(tn) ?? 0,
    tokensIssued: () => issued,
    trackRequests: () => trackRequests,
    close,
  };
}
