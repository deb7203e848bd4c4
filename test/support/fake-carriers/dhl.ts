import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerLater, listenOnLoopback, sendJson } from './harness';

// A local stand-in for DHL Shipment Tracking – Unified, in its wire format. The tracking number
// picks the scenario, so a test in another process can steer it:
//   DHLSLOW… answers after 5 s   DHLNF… 404 problem body   DHL401… 401   DHL429… 429 + Retry-After
//   DHL429NR… 429 without it     DHL500… 500               DHLBAD… malformed JSON
//   DHLNOOFF… events without UTC offsets                   DHLEXP… Express, Hong Kong → Chicago, no offsets
//   DHLFUTURE… also "delivered" in 9999
//   anything else: a shipment out for delivery
// GET /__calls?trackingNumber=… says how often a number was asked for.

export const FAKE_DHL_KEY = 'fake-dhl-key';

/** The environment that points the DHL adapter at a fake server. */
export function fakeDhlEnv(url: string) {
  return { DHL_API_KEY: FAKE_DHL_KEY, DHL_API_BASE_URL: url };
}

function shipment(trackingNumber: string, withOffsets: boolean, fromTheFuture = false) {
  const ts = (iso: string) => (withOffsets ? iso : iso.slice(0, 19));
  const leipzig = { address: { countryCode: 'DE', postalCode: '04109', addressLocality: 'Leipzig' } };
  // A carrier's clock or date parser gone wrong: an event that would stay the newest for ever.
  const future = fromTheFuture
    ? [
        {
          timestamp: ts('9999-12-31T23:59:00+01:00'),
          location: leipzig,
          statusCode: 'delivered',
          status: 'DELIVERED',
          description: 'The shipment has been delivered',
        },
      ]
    : [];
  return {
    url: `/shipments?trackingNumber=${trackingNumber}`,
    shipments: [
      {
        id: trackingNumber,
        service: 'parcel-de',
        origin: { address: { countryCode: 'DE', addressLocality: 'Hamburg' } },
        destination: { address: { countryCode: 'DE', postalCode: '04109', addressLocality: 'Leipzig' } },
        status: {
          timestamp: ts('2026-11-27T07:42:00+01:00'),
          location: leipzig,
          statusCode: 'transit',
          status: 'OUT FOR DELIVERY',
          description: 'The shipment has been loaded onto the delivery vehicle',
        },
        estimatedDeliveryTimeFrame: {
          estimatedFrom: '2026-11-27T10:00:00+01:00',
          estimatedThrough: '2026-11-27T14:00:00+01:00',
        },
        details: { product: { productName: 'DHL PAKET' }, totalNumberOfPieces: 1 },
        // Newest first, as DHL sends them.
        events: [
          ...future,
          {
            timestamp: ts('2026-11-27T07:42:00+01:00'),
            location: leipzig,
            statusCode: 'transit',
            status: 'OUT FOR DELIVERY',
            description: 'The shipment has been loaded onto the delivery vehicle',
          },
          {
            timestamp: ts('2026-11-26T21:05:00+01:00'),
            location: { address: { countryCode: 'DE', postalCode: '04435', addressLocality: 'Radefeld' } },
            statusCode: 'transit',
            status: 'PROCESSED',
            description: 'The shipment has been processed in the parcel center',
          },
          {
            timestamp: ts('2026-11-26T17:30:00+01:00'),
            location: { address: { countryCode: 'DE', addressLocality: 'Hamburg' } },
            statusCode: 'transit',
            status: 'PICKED UP',
            description: 'The shipment has been picked up by DHL',
          },
          {
            timestamp: ts('2026-11-26T09:00:00+01:00'),
            statusCode: 'pre-transit',
            status: 'ANNOUNCED',
            description:
              'The instruction data for this shipment have been provided by the sender to DHL electronically',
          },
        ],
      },
    ],
  };
}

// DHL Express gives each event's local time without an offset, as karrio's fixtures show.
function expressShipment(trackingNumber: string) {
  const hongKong = { address: { countryCode: 'HK', addressLocality: 'HONG KONG - HONG KONG SAR, CHINA' } };
  const leipzig = { address: { countryCode: 'DE', addressLocality: 'LEIPZIG - GERMANY' } };
  const chicago = { address: { countryCode: 'US', addressLocality: 'CHICAGO, IL - USA' } };
  const newest = {
    timestamp: '2026-11-30T09:12:00',
    location: chicago,
    statusCode: 'transit',
    status: 'With delivery courier',
    description: 'With delivery courier',
  };
  return {
    url: `/shipments?trackingNumber=${trackingNumber}`,
    shipments: [
      {
        id: trackingNumber,
        service: 'express',
        origin: hongKong,
        destination: chicago,
        status: newest,
        details: { product: { productName: 'EXPRESS WORLDWIDE' }, totalNumberOfPieces: 1 },
        events: [
          newest,
          {
            timestamp: '2026-11-30T05:10:00',
            location: chicago,
            statusCode: 'transit',
            status: 'Arrived at DHL Delivery Facility CHICAGO, IL - USA',
            description: 'Arrived at DHL Delivery Facility CHICAGO, IL - USA',
          },
          {
            timestamp: '2026-11-29T06:30:00',
            location: leipzig,
            statusCode: 'transit',
            status: 'Processed at LEIPZIG - GERMANY',
            description: 'Processed at LEIPZIG - GERMANY',
          },
          {
            timestamp: '2026-11-28T22:15:00',
            location: hongKong,
            statusCode: 'transit',
            status: 'Departed Facility in HONG KONG - HONG KONG SAR, CHINA',
            description: 'Departed Facility in HONG KONG - HONG KONG SAR, CHINA',
          },
          {
            timestamp: '2026-11-28T17:45:00',
            location: hongKong,
            statusCode: 'transit',
            status: 'Shipment picked up',
            description: 'Shipment picked up',
          },
        ],
      },
    ],
  };
}

export async function startFakeDhl(): Promise<{
  url: string;
  calls: (trackingNumber: string) => number;
  close: () => Promise<void>;
}> {
  const calls = new Map<string, number>();
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    sendJson(res, status, body, {
      'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const tn = url.searchParams.get('trackingNumber') ?? '';
    if (url.pathname === '/__calls') return json(res, 200, { calls: calls.get(tn) ?? 0 });
    if (url.pathname !== '/track/shipments') return json(res, 404, { status: 404, title: 'Not Found' });
    calls.set(tn, (calls.get(tn) ?? 0) + 1);
    if (req.headers['dhl-api-key'] !== FAKE_DHL_KEY || tn.startsWith('DHL401')) {
      return json(res, 401, {
        status: 401,
        title: 'Unauthorized',
        detail: 'Unauthorized for given resource.',
      });
    }
    if (tn.startsWith('DHLNF')) {
      return json(res, 404, {
        title: 'No result found',
        detail: 'No shipment with given tracking number found.',
        status: 404,
        instance: `/shipment/${tn}`,
      });
    }
    if (tn.startsWith('DHL429NR')) return json(res, 429, { status: 429, title: 'Too many requests' });
    if (tn.startsWith('DHL429'))
      return json(res, 429, { status: 429, title: 'Too many requests' }, { 'Retry-After': '120' });
    if (tn.startsWith('DHL500')) return json(res, 500, { status: 500, title: 'Internal Server Error' });
    if (tn.startsWith('DHLBAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"shipments": [{"id": ');
    }
    const answer = () =>
      json(
        res,
        200,
        tn.startsWith('DHLEXP')
          ? expressShipment(tn)
          : shipment(tn, !tn.startsWith('DHLNOOFF'), tn.startsWith('DHLFUTURE')),
      );
    if (tn.startsWith('DHLSLOW')) {
      return answerLater(res, answer);
    }
    answer();
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    calls: (tn) => calls.get(tn) ?? 0,
    close,
  };
}
