import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerLater, listenOnLoopback, sendJson } from './harness';

// A local stand-in for USPS Tracking 3.0 and its OAuth token endpoint, in their wire format.
// The tracking number picks the scenario, so a test in another process can steer it:
//   USPSNF…       404 with USPS's {apiVersion, error} body
//   USPSEXPIRED…  the token expires just as the call arrives: 401, and a token issued after that
//                 401 is accepted (so a client that renews once succeeds, every time it asks)
//   USPS401…      401 whatever the token          USPS429NR… 429 without Retry-After
//   USPS429…      429 + Retry-After: 30           USPS503…   503 + Retry-After: 45
//   USPS500…      500                             USPSSLOW…  answers after 5 s
//   USPSBAD…      malformed JSON                  USPSNOTICE… two notices left, picked up at the post office
//   anything else: a parcel delivered in/at the mailbox
// GET /__calls?trackingNumber=… says how often a number was asked for; GET /__tokens how many
// tokens were issued.

export const FAKE_USPS_CLIENT_ID = 'fake-usps-client-id';
export const FAKE_USPS_CLIENT_SECRET = 'fake-usps-client-secret';

type Scan = {
  code: string;
  type: string;
  /** Local wall-clock time, as USPS sends it (no offset). */
  local: string;
  /** Hours east of GMT at the scan's place; Eastern and Central standard time in late November. */
  offset: -5 | -6;
  city?: string;
  state?: string;
  zip?: string;
  name?: string;
};

// USPS's GMT stamp keeps the seconds the local one drops.
function gmtOf(local: string, offsetH: number, seconds: number): string {
  const ms = Date.parse(`${local}Z`) - offsetH * 3_600_000 + seconds * 1000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function trackingEvent(scan: Scan, i: number) {
  return {
    eventType: scan.type,
    eventTimestamp: scan.local,
    GMTTimestamp: gmtOf(scan.local, scan.offset, (i * 17 + 11) % 60),
    GMTOffset: `-0${-scan.offset}:00`,
    eventCountry: null,
    eventCity: scan.city ?? null,
    eventState: scan.state ?? null,
    eventZIP: scan.zip ?? null,
    firm: null,
    name: scan.name ?? null,
    authorizedAgent: 'false',
    eventCode: scan.code,
    additionalProp: null,
  };
}

const ATLANTA = { city: 'ATLANTA', state: 'GA', zip: '30303' };
const JAMAICA = { city: 'JAMAICA', state: 'NY', zip: '11430' };
const LABEL: Scan = {
  code: 'GX',
  type: 'Shipping Label Created, USPS Awaiting Item',
  local: '2026-11-23T11:32:00',
  offset: -5,
  city: 'SPRINGFIELD GARDENS',
  state: 'NY',
  zip: '11413',
};

// Newest first, as USPS sends them.
const MAILBOX: Scan[] = [
  { code: '01', type: 'Delivered, In/At Mailbox', local: '2026-11-27T13:58:00', offset: -5, ...ATLANTA },
  { code: 'OF', type: 'Out for Delivery', local: '2026-11-27T08:10:00', offset: -5, ...ATLANTA },
  { code: '07', type: 'Arrived at Post Office', local: '2026-11-27T05:59:00', offset: -5, ...ATLANTA },
  {
    code: 'T1',
    type: 'Departed USPS Regional Facility',
    local: '2026-11-26T04:40:00',
    offset: -6,
    city: 'MEMPHIS TN DISTRIBUTION CENTER',
  },
  {
    code: 'A1',
    type: 'Arrived at USPS Regional Facility',
    local: '2026-11-25T22:13:00',
    offset: -6,
    city: 'MEMPHIS TN DISTRIBUTION CENTER',
  },
  // In the evening in New York, already the next day in GMT.
  { code: 'TL', type: 'In Transit to Next Facility', local: '2026-11-24T20:15:00', offset: -5 },
  {
    code: '10',
    type: 'Arrived at USPS Regional Origin Facility',
    local: '2026-11-24T18:02:00',
    offset: -5,
    city: 'QUEENS NY DISTRIBUTION CENTER',
  },
  { code: 'SF', type: 'Departed Post Office', local: '2026-11-24T17:01:00', offset: -5, ...JAMAICA },
  { code: '03', type: 'USPS in possession of item', local: '2026-11-24T11:10:00', offset: -5, ...JAMAICA },
  LABEL,
];

const NOTICE: Scan[] = [
  {
    code: '01',
    type: 'Delivered, Individual Picked Up at Post Office',
    local: '2026-11-30T10:05:00',
    offset: -5,
    name: 'J SMITH',
    ...ATLANTA,
  },
  { code: '16', type: 'Available for Pickup', local: '2026-11-28T15:20:00', offset: -5, ...ATLANTA },
  {
    code: '02',
    type: 'Notice Left (No Authorized Recipient Available)',
    local: '2026-11-28T14:02:00',
    offset: -5,
    ...ATLANTA,
  },
  { code: 'OF', type: 'Out for Delivery', local: '2026-11-28T08:00:00', offset: -5, ...ATLANTA },
  {
    code: '02',
    type: 'Notice Left (No Authorized Recipient Available)',
    local: '2026-11-27T13:45:00',
    offset: -5,
    ...ATLANTA,
  },
  { code: 'OF', type: 'Out for Delivery', local: '2026-11-27T08:10:00', offset: -5, ...ATLANTA },
  { code: '07', type: 'Arrived at Post Office', local: '2026-11-27T05:59:00', offset: -5, ...ATLANTA },
  { code: '03', type: 'USPS in possession of item', local: '2026-11-24T11:10:00', offset: -5, ...JAMAICA },
  LABEL,
];

function trackingDetail(trackingNumber: string) {
  const notice = trackingNumber.startsWith('USPSNOTICE');
  const scans = notice ? NOTICE : MAILBOX;
  const newest = scans[0]!;
  return {
    trackingNumber,
    additionalInfo: null,
    mailClass: 'USPS Ground Advantage<SUP>&#153;</SUP>',
    mailType: 'DM',
    destinationCity: 'ATLANTA',
    destinationState: 'GA',
    destinationZIP: '30303',
    originCity: 'JAMAICA',
    originState: 'NY',
    originZIP: '11430',
    emailEnabled: 'true',
    kahalaIndicator: 'false',
    proofOfDeliveryEnabled: 'false',
    restoreEnabled: 'false',
    RRAMEnabled: 'false',
    RREEnabled: 'false',
    services: ['USPS Tracking<SUP>&#174;</SUP>', 'Up to $100 insurance included'],
    serviceTypeCode: '001',
    status: newest.type,
    statusCategory: 'Delivered',
    statusSummary: notice
      ? 'Your item was picked up at the post office at 10:05 am on November 30, 2026 in ATLANTA, GA 30303.'
      : 'Your item was delivered in or at the mailbox at 1:58 pm on November 27, 2026 in ATLANTA, GA 30303.',
    expectedDeliveryTimeStamp: '2026-11-27T00:00:00',
    expectedDeliveryType: 'Expected Delivery By',
    predictedDeliveryDate: '2026-11-27',
    predictedDeliveryWindowStartTime: '10:30',
    predictedDeliveryWindowEndTime: '14:30',
    tableCode: 'T',
    uniqueMailPieceId: '110158946',
    mailPieceIntakeDate: '2026-11-23 11:09:19.000000',
    trackingEvents: scans.map(trackingEvent),
  };
}

function errorBody(status: number, title: string, detail: string) {
  return {
    apiVersion: '3.2.6',
    error: {
      code: String(status),
      message: title,
      errors: [{ status: String(status), code: String(status), title, detail, source: null }],
    },
  };
}

const invalidClient = {
  error: 'invalid_client',
  error_description: 'Client authentication failed.',
  error_uri: 'https://datatracker.ietf.org/doc/html/rfc6749#page-45',
};

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

export async function startFakeUsps(): Promise<{
  url: string;
  calls: (trackingNumber: string) => number;
  /** Tokens issued so far. */
  tokens: () => number;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}> {
  const calls = new Map<string, number>();
  let issued = 0;
  // USPSEXPIRED: per number, the token count when its token was last declared expired.
  const expiredAt = new Map<string, number>();

  const json = sendJson;
  const unauthorized = (res: ServerResponse) =>
    json(res, 401, invalidClient, { 'WWW-Authenticate': 'Bearer realm="https://api.usps.com"' });

  async function token(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    // USPS takes the credentials as JSON or as a form.
    let fields: Record<string, string | undefined>;
    if ((req.headers['content-type'] ?? '').includes('json')) {
      try {
        fields = JSON.parse(raw) as Record<string, string | undefined>;
      } catch {
        fields = {};
      }
    } else {
      fields = Object.fromEntries(new URLSearchParams(raw));
    }
    if (fields.grant_type !== 'client_credentials') {
      return json(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'Grant type is not supported.',
      });
    }
    if (fields.client_id !== FAKE_USPS_CLIENT_ID || fields.client_secret !== FAKE_USPS_CLIENT_SECRET) {
      return json(res, 401, invalidClient);
    }
    issued++;
    json(res, 200, {
      access_token: `fake-usps-token-${issued}`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      expires_in: '28799',
      status: 'approved',
      scope: fields.scope ?? 'tracking',
      issuer: 'api.usps.com',
      client_id: FAKE_USPS_CLIENT_ID,
      application_name: 'Order status portal (fake)',
      api_products: '[Public Access]',
      public_key: 'LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0K',
    });
  }

  function track(req: IncomingMessage, res: ServerResponse, tn: string, url: URL) {
    calls.set(tn, (calls.get(tn) ?? 0) + 1);
    const serial = Number(/^Bearer fake-usps-token-(\d+)$/.exec(req.headers.authorization ?? '')?.[1] ?? 0);
    if (serial < 1 || serial > issued || tn.startsWith('USPS401')) return unauthorized(res);
    if (tn.startsWith('USPSEXPIRED')) {
      const at = expiredAt.get(tn);
      if (at === undefined || serial <= at) {
        expiredAt.set(tn, issued);
        return unauthorized(res);
      }
      expiredAt.delete(tn);
    }
    if (tn.startsWith('USPSNF')) {
      return json(
        res,
        404,
        errorBody(
          404,
          'Not Found',
          `The tracking number ${tn} could not be found. Please check and try again.`,
        ),
      );
    }
    if (tn.startsWith('USPS429NR'))
      return json(res, 429, errorBody(429, 'Too Many Requests', 'Quota exceeded.'));
    if (tn.startsWith('USPS429')) {
      return json(res, 429, errorBody(429, 'Too Many Requests', 'Quota exceeded.'), { 'Retry-After': '30' });
    }
    if (tn.startsWith('USPS503')) {
      return json(res, 503, errorBody(503, 'Service Unavailable', 'Try again later.'), {
        'Retry-After': '45',
      });
    }
    if (tn.startsWith('USPS500')) {
      return json(res, 500, errorBody(500, 'Internal Server Error', 'An internal error occurred.'));
    }
    if (tn.startsWith('USPSBAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"trackingNumber": "USPSBAD", "trackingEvents": [{"eventType": ');
    }
    const detail = trackingDetail(tn);
    const answer = () =>
      url.searchParams.get('expand') === 'DETAIL'
        ? json(res, 200, detail)
        : json(res, 200, {
            trackingNumber: tn,
            statusSummary: detail.statusSummary,
            eventSummaries: detail.trackingEvents.map((e) => `${e.eventType}, ${e.eventCity ?? ''}`),
          });
    if (tn.startsWith('USPSSLOW')) {
      return answerLater(res, answer);
    }
    answer();
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__calls') {
      return json(res, 200, { calls: calls.get(url.searchParams.get('trackingNumber') ?? '') ?? 0 });
    }
    if (url.pathname === '/__tokens') return json(res, 200, { issued });
    if (url.pathname === '/oauth2/v3/token' && req.method === 'POST') {
      token(req, res).catch(() => json(res, 500, errorBody(500, 'Internal Server Error', 'token')));
      return;
    }
    const tracking = /^\/tracking\/v3\/tracking\/([^/]+)$/.exec(url.pathname);
    if (tracking && req.method === 'GET') return track(req, res, decodeURIComponent(tracking[1]!), url);
    json(res, 404, errorBody(404, 'Not Found', 'No resource at this path.'));
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    calls: (tn) => calls.get(tn) ?? 0,
    tokens: () => issued,
    clientId: FAKE_USPS_CLIENT_ID,
    clientSecret: FAKE_USPS_CLIENT_SECRET,
    close,
  };
}
