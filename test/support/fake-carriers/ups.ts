import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerLater, listenOnLoopback, sendJson } from './harness';

// A local stand-in for the UPS OAuth token endpoint and Track API, in their wire format. The
// tracking number picks the scenario, so a test in another process can steer it:
//   UPSNF…  200 with the TW0001 "not found" warning     UPSINV… 400 TV1002 "Invalid inquiry number"
//   UPSEXPIRED… the first call for the number answers UPS's 401 (250002) and retires every token
//              issued so far, as if they had expired; a token issued afterwards is accepted
//   UPS401… always 401, whatever the token
//   UPS429… 429 + Retry-After    UPS429NR… 429 without it    UPS500… 500
//   UPSSLOW… answers after 5 s   UPSBAD… malformed JSON      UPSSHAPE… JSON of the wrong shape
//   UPSDLV… delivered, signed    UPSAP… waiting at an Access Point
//   anything else: a parcel out for delivery, activities newest first
// GET /__calls?trackingNumber=… says how often a number was asked for; /__calls without one how
// often a token was issued.

export const FAKE_UPS_CLIENT_ID = 'fake-ups-client-id';
export const FAKE_UPS_CLIENT_SECRET = 'fake-ups-client-secret';

const errors = (code: string, message: string) => ({ response: { errors: [{ code, message }] } });

const address = (city: string, stateProvince: string, postalCode: string, countryCode = 'US') => ({
  address: { city, stateProvince, postalCode, country: countryCode, countryCode },
});
const wayne = { ...address('Wayne', 'NJ', '07470'), slic: '0719' };
const secaucus = { ...address('Secaucus', 'NJ', '07094'), slic: '0709' };
const louisville = { ...address('Louisville', 'KY', '40213'), slic: '4029' };

type Activity = ReturnType<typeof activity>;
function activity(
  date: string,
  time: string,
  gmtOffset: string | null,
  location: object,
  status: { type: string; code: string; statusCode: string; description: string },
) {
  return {
    location,
    status: { ...status, simplifiedTextDescription: status.description },
    date,
    time,
    ...(gmtOffset ? { gmtDate: date, gmtTime: time, gmtOffset } : {}),
  };
}

// Newest first, as UPS sends them. Only the label has no offset: UPS had not scanned it anywhere.
const IN_TRANSIT: Activity[] = [
  activity('20261127', '074200', '-05:00', wayne, {
    type: 'I',
    code: 'OF',
    statusCode: '072',
    description: 'Loaded on Delivery Vehicle ',
  }),
  activity('20261127', '031500', '-05:00', secaucus, {
    type: 'I',
    code: 'AR',
    statusCode: '005',
    description: 'Arrived at Facility',
  }),
  activity('20261126', '221000', '-05:00', louisville, {
    type: 'I',
    code: 'DP',
    statusCode: '005',
    description: 'Departed from Facility',
  }),
  activity('20261126', '183000', '-05:00', louisville, {
    type: 'I',
    code: 'OR',
    statusCode: '038',
    description: 'Pickup Scan ',
  }),
  activity(
    '20261125',
    '180211',
    null,
    { address: { country: 'US', countryCode: 'US' } },
    {
      type: 'M',
      code: 'MP',
      statusCode: '003',
      description: 'Shipper created a label, UPS has not received the package yet. ',
    },
  ),
];

function trackResponse(inquiryNumber: string, pkg: object | null) {
  return {
    trackResponse: {
      shipment: [
        pkg
          ? { inquiryNumber, package: [{ trackingNumber: inquiryNumber, packageCount: 1, ...pkg }] }
          : {
              inquiryNumber,
              warnings: [{ code: 'TW0001', message: 'Tracking Information Not Found' }],
            },
      ],
    },
  };
}

const common = (statusCode: string, description: string, type = 'I') => ({
  currentStatus: { type, code: 'XX', statusCode, description, simplifiedTextDescription: description },
  service: { code: '003', levelCode: '003', description: 'UPS Ground' },
  weight: { unitOfMeasurement: 'LBS', weight: '2.20' },
  packageAddress: [
    { type: 'ORIGIN', name: 'EXAMPLE SHOP', address: louisville.address },
    { type: 'DESTINATION', name: 'JANE MILLER', address: wayne.address },
  ],
  referenceNumber: [{ type: 'SHIPMENT', number: 'ORDER-1042' }],
});

function inTransit() {
  return {
    ...common('072', 'Loaded on Delivery Vehicle '),
    activity: IN_TRANSIT,
    deliveryDate: [{ type: 'SDD', date: '20261127' }],
    deliveryTime: { type: 'EDW', startTime: '103000', endTime: '143000' },
  };
}

function delivered() {
  return {
    ...common('011', 'DELIVERED ', 'D'),
    activity: [
      activity('20261127', '142300', '-05:00', wayne, {
        type: 'D',
        code: 'FS',
        statusCode: '011',
        description: 'DELIVERED ',
      }),
      // Bookkeeping after the fact: must not add a second delivery.
      activity('20261127', '142301', '-05:00', wayne, {
        type: 'I',
        code: 'PH',
        statusCode: '155',
        description: 'Delivery Photo',
      }),
      activity('20261127', '081000', '-05:00', wayne, {
        type: 'I',
        code: 'OT',
        statusCode: '006',
        description: 'Out For Delivery Today',
      }),
      activity('20261126', '200000', '-05:00', secaucus, {
        type: 'I',
        code: 'DI',
        statusCode: '082',
        description: 'Delivery Instructions Received',
      }),
      ...IN_TRANSIT.slice(1),
    ].sort((a, b) => (b.date + b.time).localeCompare(a.date + a.time)),
    deliveryDate: [{ type: 'DEL', date: '20261127' }],
    deliveryTime: { type: 'DEL', endTime: '142300' },
    deliveryInformation: { location: 'Front Door', receivedBy: 'MILLER', signature: { image: '' } },
  };
}

function atAccessPoint() {
  const point = { city: 'Wayne', stateProvince: 'NJ', postalCode: '07470', country: 'US', countryCode: 'US' };
  return {
    ...common('161', 'Delivered to UPS Access Point™'),
    activity: [
      activity('20261127', '113000', '-05:00', wayne, {
        type: 'I',
        code: 'AP',
        statusCode: '161',
        description: 'Delivered to UPS Access Point™ ',
      }),
      ...IN_TRANSIT.slice(1),
    ],
    accessPointInformation: { pickupByDate: '20261204' },
    packageAddress: [
      ...common('161', '').packageAddress,
      {
        type: 'ACCESS_POINT',
        name: 'THE UPS STORE 1234',
        address: { addressLine1: '1 Main St', ...point },
      },
    ],
  };
}

export async function startFakeUps(): Promise<{
  url: string;
  calls: (trackingNumber: string) => number;
  tokenCalls: () => number;
  close: () => Promise<void>;
}> {
  const calls = new Map<string, number>();
  // Token → serial; a number may retire all tokens below a serial (the UPSEXPIRED scenario).
  const tokens = new Map<string, number>();
  const firstAccepted = new Map<string, number>();
  let issued = 0;
  const json = sendJson;

  const token = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const basic = `Basic ${Buffer.from(`${FAKE_UPS_CLIENT_ID}:${FAKE_UPS_CLIENT_SECRET}`).toString('base64')}`;
    if (req.method !== 'POST' || new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      return json(res, 400, errors('10400', 'Invalid/Missing grant_type'));
    }
    if (req.headers.authorization !== basic) return json(res, 401, errors('10401', 'ClientId is Invalid'));
    issued++;
    const accessToken = `fake-ups-token-${issued}`;
    tokens.set(accessToken, issued);
    json(res, 200, {
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      client_id: FAKE_UPS_CLIENT_ID,
      access_token: accessToken,
      scope: '',
      // UPS sends the lifetime as a string.
      expires_in: '14399',
      refresh_count: '0',
      status: 'approved',
    });
  };

  const track = (req: IncomingMessage, res: ServerResponse, tn: string) => {
    calls.set(tn, (calls.get(tn) ?? 0) + 1);
    const serial = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const unauthorized = () => json(res, 401, errors('250002', 'Invalid Authentication Information.'));
    if (serial === undefined || tn.startsWith('UPS401')) return unauthorized();
    if (tn.startsWith('UPSEXPIRED')) {
      if (!firstAccepted.has(tn)) firstAccepted.set(tn, issued + 1);
      if (serial < firstAccepted.get(tn)!) return unauthorized();
    }
    if (!req.headers.transid || !req.headers.transactionsrc) {
      return json(res, 400, errors('TV1001', 'Missing transId or transactionSrc header'));
    }
    if (tn.startsWith('UPSNF')) return json(res, 200, trackResponse(tn, null));
    if (tn.startsWith('UPSINV')) return json(res, 400, errors('TV1002', 'Invalid inquiry number'));
    if (tn.startsWith('UPS429NR')) return json(res, 429, errors('10429', 'Too Many Requests'));
    if (tn.startsWith('UPS429'))
      return json(res, 429, errors('10429', 'Too Many Requests'), { 'Retry-After': '30' });
    if (tn.startsWith('UPS500')) return json(res, 500, errors('9999', 'Internal Server Error'));
    if (tn.startsWith('UPSBAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"trackResponse": {"shipment": [{"inquiryNumber": ');
    }
    if (tn.startsWith('UPSSHAPE')) return json(res, 200, { trackResponse: { shipment: 'none' } });
    const pkg = tn.startsWith('UPSDLV')
      ? delivered()
      : tn.startsWith('UPSAP')
        ? atAccessPoint()
        : inTransit();
    const answer = () => json(res, 200, trackResponse(tn, pkg));
    if (tn.startsWith('UPSSLOW')) {
      return answerLater(res, answer);
    }
    answer();
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/__calls') {
        const tn = url.searchParams.get('trackingNumber');
        return json(res, 200, { calls: tn === null ? issued : (calls.get(tn) ?? 0) });
      }
      if (url.pathname === '/security/v1/oauth/token') return token(req, res, body);
      const m = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(url.pathname);
      if (m && req.method === 'GET') return track(req, res, decodeURIComponent(m[1]!));
      json(res, 404, errors('10404', 'Resource not found'));
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    calls: (tn) => calls.get(tn) ?? 0,
    tokenCalls: () => issued,
    close,
  };
}
