import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerLater, listenOnLoopback, sendJson } from './harness';

// A local stand-in for the PostNL Shipping Status API v2, in its wire format (dd-MM-yyyy Dutch local
// timestamps, codes as strings, "{}" for empty address fields). The barcode picks the scenario, so a
// test in another process can steer it:
//   3SNF… 200 + Warnings code 2 (PostNL's "not found")   3SAUTH… or a wrong apikey: 401
//   3S429NR… 429 without Retry-After   3S429… 429 + Retry-After: 30   3S500… 500 fault
//   3SSLOW… answers after 5 s          3SBAD… malformed JSON
//   3SPICK… waiting at a PostNL point (status 12, address type 09)
//   anything else: a parcel out for delivery, pre-alerted in summer time (CEST) and moved in winter (CET)
// GET /__calls?barcode=… (or ?trackingNumber=…) says how often a barcode was asked for.

export const FAKE_POSTNL_KEY = 'fake-postnl-key';

const STATUS_PATH = /^\/shipment\/v2\/status\/barcode\/([^/]*)$/;

const empty = '{}';
const customer = { CustomerCode: 'DEVC', CustomerNumber: '11223344', Name: 'Testwinkel B.V.' };
const receiver = {
  AddressType: '01',
  Building: empty,
  City: 'Utrecht',
  CompanyName: empty,
  CountryCode: 'NL',
  DepartmentName: empty,
  District: empty,
  FirstName: 'Sanne',
  Floor: empty,
  HouseNumber: '12',
  HouseNumberSuffix: 'A',
  LastName: 'de Vries',
  Region: empty,
  Remark: empty,
  Street: 'Biltstraat',
  Zipcode: '3572AB',
};
const sender = {
  AddressType: '02',
  Building: empty,
  City: 'Nieuwegein',
  CompanyName: 'Testwinkel B.V.',
  CountryCode: 'NL',
  DepartmentName: 'Logistiek',
  District: empty,
  FirstName: empty,
  Floor: empty,
  HouseNumber: '7',
  HouseNumberSuffix: empty,
  LastName: empty,
  Region: empty,
  Remark: empty,
  Street: 'Laagraven',
  Zipcode: '3439LG',
};
const pickupPoint = {
  AddressType: '09',
  Building: empty,
  City: 'Utrecht',
  CompanyName: 'Primera Oudegracht',
  CountryCode: 'NL',
  DepartmentName: empty,
  District: empty,
  FirstName: empty,
  Floor: empty,
  HouseNumber: '140',
  HouseNumberSuffix: empty,
  LastName: empty,
  Region: empty,
  Remark: empty,
  Street: 'Oudegracht',
  Zipcode: '3511AZ',
};

const status = (TimeStamp: string, StatusCode: string, StatusDescription: string, phase: 1 | 2 | 3 | 4) => ({
  TimeStamp,
  StatusCode,
  StatusDescription,
  PhaseCode: String(phase),
  PhaseDescription: ['Collection', 'Sorting', 'Distribution', 'Delivery'][phase - 1]!,
});
const event = (TimeStamp: string, Code: string, Description: string, LocationCode = '888888') => ({
  Code,
  Description,
  DestinationLocationCode: '157091',
  LocationCode,
  RouteCode: '103',
  RouteNumber: '103 Utrecht Oost',
  TimeStamp,
});

function outForDelivery(barcode: string) {
  const current = status('26-10-2026 08:12:45', '7', 'Shipment out for delivery', 3);
  return {
    shipment: {
      MainBarcode: barcode,
      Barcode: barcode,
      ShipmentAmount: '1',
      ShipmentCounter: '1',
      Customer: customer,
      ProductCode: '003085',
      ProductDescription: 'Parcels, domestic',
      Reference: 'ORD-2026-10-1184',
      DeliveryDate: '2026-10-26',
      Dimension: { Height: '120', Length: '300', Volume: '7200', Weight: '1450', Width: '200' },
      Address: [receiver, sender],
      ProductOptions: [{ OptionCode: '6', CharacteristicCode: '118' }],
      Expectation: { ETAFrom: '10/26/2026 13:30:00', ETATo: '10/26/2026 16:00:00' },
      Status: current,
    },
    // Newest first. The Saturday evening pre-alert is still summer time; Sunday the clocks went back.
    history: {
      OldStatus: [
        current,
        status('26-10-2026 03:41:10', '5', 'Shipment sorted', 2),
        status('25-10-2026 19:05:33', '2', 'Shipment accepted', 1),
        status('24-10-2026 21:17:02', '1', 'Shipment pre-alerted', 1),
      ],
      Event: [
        event('26-10-2026 08:12:45', 'J05', 'Driver is on the way', '157091'),
        event('26-10-2026 03:41:12', 'J01', 'Shipment sorted', '157091'),
        event('25-10-2026 19:05:33', 'B01', 'Shipment received by PostNL', '166120'),
        event('24-10-2026 21:17:02', 'A01', 'Shipment expected, but not yet arrived or processed at PostNL'),
      ],
    },
  };
}

function atPickupPoint(barcode: string) {
  const current = status('27-11-2026 11:02:18', '12', 'Shipment available at pickup location', 4);
  return {
    shipment: {
      MainBarcode: barcode,
      Barcode: barcode,
      ShipmentAmount: '1',
      ShipmentCounter: '1',
      Customer: customer,
      ProductCode: '003533',
      ProductDescription: 'Parcels, pickup at PostNL location',
      Reference: 'ORD-2026-11-2207',
      Address: [receiver, sender, pickupPoint],
      Status: current,
    },
    history: {
      // A single old status arrives as an object, not a list: the XML-to-JSON conversion at work.
      OldStatus: status('26-11-2026 18:40:00', '2', 'Shipment accepted', 1),
      Event: [
        event('27-11-2026 11:02:18', 'I08', 'Shipment available at PostNL location', '157560'),
        event('26-11-2026 18:40:00', 'B01', 'Shipment received by PostNL', '166120'),
      ],
    },
  };
}

export async function startFakePostnl(): Promise<{
  url: string;
  calls: (barcode: string) => number;
  close: () => Promise<void>;
}> {
  const calls = new Map<string, number>();
  const json = sendJson;
  const fault = (res: ServerResponse, code: number, faultstring: string, errorcode: string) =>
    json(res, code, { fault: { faultstring, detail: { errorcode } } });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__calls') {
      const bc = url.searchParams.get('barcode') ?? url.searchParams.get('trackingNumber') ?? '';
      return json(res, 200, { calls: calls.get(bc) ?? 0 });
    }
    const match = STATUS_PATH.exec(url.pathname);
    if (!match) return fault(res, 404, 'Unable to identify proxy for host and url', 'messaging.NoProxy');
    if (req.method !== 'GET')
      return json(res, 405, { message: 'Method not allowed', http_status_code: 405 }, { Allow: 'GET' });
    const barcode = decodeURIComponent(match[1] ?? '');
    if (!barcode) return fault(res, 400, 'no barcode supplied in path', 'BARCODE_MISSING');
    calls.set(barcode, (calls.get(barcode) ?? 0) + 1);

    if (req.headers.apikey !== FAKE_POSTNL_KEY || barcode.startsWith('3SAUTH')) {
      return json(res, 401, {
        message: "Failed to resolve API Key variable 'request.header.apikey'",
        http_status_code: 401,
      });
    }
    if (barcode.startsWith('3SNF'))
      return json(res, 200, { Warnings: [{ Message: 'No shipment found', Code: '2' }] });
    const tooMany = { message: 'Too many requests. Rate limit exceeded!', http_status_code: 429 };
    if (barcode.startsWith('3S429NR')) return json(res, 429, tooMany);
    if (barcode.startsWith('3S429')) return json(res, 429, tooMany, { 'Retry-After': '30' });
    if (barcode.startsWith('3S500'))
      return fault(res, 500, 'Internal server error', 'steps.servicecallout.ExecutionFailed');
    if (barcode.startsWith('3SBAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"CompleteStatus": {"Shipment": {"Barcode": ');
    }

    const answer = () => {
      const { shipment, history } = barcode.startsWith('3SPICK')
        ? atPickupPoint(barcode)
        : outForDelivery(barcode);
      // detail=true adds the history and wraps it as CompleteStatus; without it only the current status.
      if (url.searchParams.get('detail') === 'true')
        return json(res, 200, { CompleteStatus: { Shipment: { ...shipment, ...history } } });
      return json(res, 200, { CurrentStatus: { Shipment: shipment } });
    };
    if (barcode.startsWith('3SSLOW')) {
      return answerLater(res, answer);
    }
    answer();
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    calls: (barcode) => calls.get(barcode) ?? 0,
    close,
  };
}
