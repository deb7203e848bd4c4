import { type IncomingMessage, type OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  carriesProof,
  HANDED_READ_HEADER,
  handOver,
  readTrackPage,
  type TrackPageState,
} from '@/app/track/page-state';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/exchange';
import { cspNonce, newNonce } from '@/lib/http/nonce';
import { pageQuery } from '@/lib/http/search-params';
import { preferredLocale, supportedLocale } from '@/lib/i18n/locales';
import { processCache } from '@/lib/process-state';
import { headerValue } from './fast-path';
import { deferScripts } from './deferred-scripts';
import { acceptedEncodings } from './static-files';

// The order page as a shipping email's link opens it, kept rendered. A campaign's clicks arrive in
// bursts, and rendering the page cost about four times the framework's bare page; the same order
// at the same minute renders the same page. Every request is still read as before, by the page's
// own function, before anything is answered: the signature, rate limit, lockout and access log
// see each one. Only the rendering is shared, under a key of everything it is made of: the
// projected order (by identity: the projection cache hands out one object per data version,
// level and language until it changes, so another level, order or account is another key), the
// brand and contact, the URL, and the minute. Each answer gets a fresh CSP nonce. Every shopper
// page, kept or not, goes out with its scripts loaded after its first paint (deferred-scripts.ts).
const PATH = '/track';
const TTL_MS = 60_000;
// Next's client router (RSC payloads, prefetches) and server actions ask for something else.
const ROUTER_HEADERS = [
  'rsc',
  'next-action',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
];
// Headers Node writes per answer, or that depend on the body as sent.
const PER_ANSWER = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
]);
const NONCE = /^[0-9a-f]{32}$/;
// Quality 5: the order page arrives in the connection's first round trip (TCP's initial window of
// 10 segments, 14.6 kB with the headers), which quality 4 missed by a few hundred bytes; about
// 0.6 ms more per answer of 120 kB.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/** A rendered page, split where its nonce was, so a new one goes in by copying. */
type Entry = { headers: Array<[string, string[]]>; parts: Buffer[] };

const cache = () =>
  processCache<string, Entry>('page', () => {
    const maxSize = Math.max(1, getConfig().PAGE_CACHE_MB * 1024 * 1024);
    return {
      maxSize,
      maxEntrySize: Math.max(1, Math.floor(maxSize / 10)),
      sizeCalculation: (entry) =>
        Math.max(
          1,
          entry.parts.reduce((sum, part) => sum + part.length, 0),
        ),
      ttl: TTL_MS,
    };
  });

// One number per projected order object, for the key: identity stands for the whole projection.
const ids = new WeakMap<object, number>();
let lastId = 0;
function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ++lastId));
  return id;
}

function keyOf(query: string, state: Extract<TrackPageState, { kind: 'order' }>, now: number): string {
  const { info, extras, liveRefresh, lockedForS } = state.order;
  return [
    query,
    Math.floor(now / TTL_MS),
    idOf(info),
    idOf(extras),
    liveRefresh ?? '',
    lockedForS ?? '',
    JSON.stringify(state.branding),
    JSON.stringify(state.contact),
  ].join('\n');
}

const header = (req: IncomingMessage, name: string) => headerValue(req.headers, name);

// The renders in flight, by key. When a minute turns, a burst's requests all miss at once; the
// first renders and the others answer with its page (each after its own read, as always) instead
// of rendering the same page twenty times over.
const rendering = new Map<string, Promise<Entry | null>>();

/** The search of a page as a browser asks for it (not Next's client router); null otherwise. */
function pageSearch(req: IncomingMessage): URLSearchParams | null {
  if (req.method !== 'GET' || ROUTER_HEADERS.some((name) => name in req.headers)) return null;
  try {
    const search = new URL(req.url ?? '', 'http://localhost').searchParams;
    return search.has('_rsc') ? null : search;
  } catch {
    return null;
  }
}

/**
 * Answers GET /track for an order page that may be kept (a supported `lang`, no proof to redirect
 * away), from the cache or by rendering it with `render` (Next) and keeping the result; null for
 * every other request.
 */
export function pageCache(
  req: IncomingMessage,
  res: ServerResponse,
  render: () => Promise<void>,
): Promise<void> | null {
  if (getConfig().PAGE_CACHE_MB === 0 || !req.url?.startsWith(`${PATH}?`)) return null;
  const search = pageSearch(req);
  if (!search) return null;
  // As Next hands the page its searchParams: the first value of each name.
  const first: Record<string, string> = Object.create(null);
  for (const [name, value] of search) first[name] ??= value;
  const params = pageQuery(first);
  if (!supportedLocale(params.lang) || carriesProof(params)) return null;
  return answer(req, res, params, render);
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
  render: () => Promise<void>,
): Promise<void> {
  const query = new URLSearchParams(params).toString();
  const now = Date.now();
  // The page's own read, with what proxy.ts and the page would derive from the request.
  const state = await readTrackPage(
    getDb(),
    params,
    clientIp({ header: (name) => header(req, name) }),
    preferredLocale(header(req, 'accept-language')),
  );
  const key = state.kind === 'order' ? keyOf(query, state, now) : null;
  const kept = key === null ? undefined : (cache().get(key) ?? (await rendering.get(key)));
  if (kept) return send(req, res, kept);
  const { token, release } = handOver(query, state);
  req.headers[HANDED_READ_HEADER] = token;
  res.once('close', release);
  if (key === null) return capture(req, res, render);
  let settle!: (entry: Entry | null) => void;
  const flight = new Promise<Entry | null>((resolve) => (settle = resolve));
  rendering.set(key, flight);
  const done = (entry: Entry | null) => {
    if (rendering.get(key) === flight) rendering.delete(key);
    settle(entry);
  };
  // A render that fails or is cut off keeps nothing; those waiting for it render for themselves.
  res.once('close', () => done(null));
  return capture(req, res, render, (entry) => {
    if (entry) cache().set(key, entry);
    done(entry);
  });
}

/**
 * The shopper pages the cache does not keep (the lookup page, the `/track` form, every page when
 * PAGE_CACHE_MB=0), as Next renders them, with their scripts loaded after their first paint.
 */
export function shopperPage(
  req: IncomingMessage,
  res: ServerResponse,
  render: () => Promise<void>,
): Promise<void> | null {
  const path = req.url?.split('?', 1)[0];
  if ((path !== '/' && path !== PATH) || !pageSearch(req)) return null;
  return capture(req, res, render);
}

function send(req: IncomingMessage, res: ServerResponse, entry: Entry) {
  const nonce = newNonce();
  const nonceBytes = Buffer.from(nonce);
  const body = Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
  const headers: string[] = [];
  for (const [name, parts] of entry.headers) headers.push(name, parts.join(nonce));
  const [encoding, bytes] = encode(body, header(req, 'accept-encoding'));
  headers.push('X-Page-Cache', 'hit', 'Content-Length', String(bytes.length));
  if (encoding) headers.push('Content-Encoding', encoding);
  res.writeHead(200, headers);
  res.end(bytes);
}

function encode(body: Buffer, acceptEncoding: string | null): [string | null, Buffer] {
  const accepted = acceptedEncodings(acceptEncoding ?? '');
  if (accepted.has('br')) return ['br', brotliCompressSync(body, BROTLI)];
  if (accepted.has('gzip')) return ['gzip', gzipSync(body)];
  return [null, body];
}

/** The answer as kept, when it may be: a whole HTML page, no cookie, its nonce where it is used. */
function entryOf(status: number, headers: OutgoingHttpHeaders, body: Buffer): Entry | null {
  const nonce = cspNonce(String(headers['content-security-policy'] ?? ''));
  const type = String(headers['content-type'] ?? '');
  if (status !== 200 || !type.startsWith('text/html') || 'set-cookie' in headers) return null;
  if (!nonce || !NONCE.test(nonce)) return null;
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(nonce); at !== -1; at = body.indexOf(nonce, from)) {
    parts.push(body.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(body.subarray(from));
  const kept: Entry['headers'] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_ANSWER.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [String(value)]) kept.push([name, one.split(nonce)]);
  }
  return { headers: kept, parts };
}

type Chunk = string | Buffer | Uint8Array;
const bytesOf = (chunk: Chunk, encoding?: BufferEncoding) =>
  typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk);

/**
 * Lets Next render into memory, then sends the page with its scripts deferred and compressed (Next
 * is asked for it uncompressed), and hands `keep`, when given, the page when it may be kept (null
 * when not). Next writes through the response's own methods, which are replaced on this response
 * only until it ends; the answer leaves through the prototype's, past any wrapper Next's
 * compression put on top.
 */
function capture(
  req: IncomingMessage,
  res: ServerResponse,
  render: () => Promise<void>,
  keep?: (entry: Entry | null) => void,
): Promise<void> {
  const acceptEncoding = header(req, 'accept-encoding');
  delete req.headers['accept-encoding'];
  const chunks: Buffer[] = [];
  const own = res as unknown as Record<string, unknown>;
  const replaced = ['writeHead', 'flushHeaders', 'write', 'end'];
  own.flushHeaders = () => {};
  own.writeHead = (status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const headers = rest.find((item) => typeof item === 'object' && item !== null);
    if (Array.isArray(headers)) {
      const flat = headers.flat() as string[];
      for (let i = 0; i + 1 < flat.length; i += 2) res.appendHeader(flat[i]!, flat[i + 1]!);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) res.setHeader(name, value);
    }
    return res;
  };
  own.write = (chunk: Chunk, encoding?: BufferEncoding | (() => void), done?: () => void) => {
    chunks.push(bytesOf(chunk, typeof encoding === 'string' ? encoding : undefined));
    (typeof encoding === 'function' ? encoding : done)?.();
    return true;
  };
  own.end = (chunk?: Chunk | (() => void), encoding?: BufferEncoding | (() => void), done?: () => void) => {
    if (chunk !== undefined && typeof chunk !== 'function') {
      chunks.push(bytesOf(chunk, typeof encoding === 'string' ? encoding : undefined));
    }
    // Ours and whatever Next's compression wrapped around them: the response is plain again.
    for (const name of [...replaced, 'on', 'flush']) if (Object.hasOwn(own, name)) delete own[name];
    const vary = String(res.getHeader('vary') ?? '');
    if (!/\baccept-encoding\b/i.test(vary))
      res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    let body = Buffer.concat(chunks);
    if (res.statusCode === 200 && String(res.getHeader('content-type')).startsWith('text/html'))
      body = Buffer.from(deferScripts(body.toString()));
    keep?.(entryOf(res.statusCode, res.getHeaders(), body));
    const [encoding_, bytes] = encode(body, acceptEncoding);
    res.removeHeader('transfer-encoding');
    res.setHeader('Content-Length', String(bytes.length));
    if (encoding_) res.setHeader('Content-Encoding', encoding_);
    if (keep) res.setHeader('X-Page-Cache', 'miss');
    ServerResponse.prototype.writeHead.call(res, res.statusCode);
    const callback = [chunk, encoding, done].find((item): item is () => void => typeof item === 'function');
    // The prototype's end, typed as the overload used (chunk, callback).
    const end = ServerResponse.prototype.end as (
      this: ServerResponse,
      chunk: Buffer,
      cb?: () => void,
    ) => void;
    end.call(res, bytes, callback);
    return res;
  };
  return render();
}
