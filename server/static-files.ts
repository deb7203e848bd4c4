import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { SECURITY_HEADER_LIST } from '@/lib/http/security-headers';
import { weightedList } from '@/lib/weighted-list';

// The scripts and stylesheets of Next's build, answered from memory. Behind Next's own handler the
// page's stylesheet took 20–35 ms on an idle machine (eight scripts asked for at once queue behind
// it), and a page cannot paint before its stylesheet: the scripts were run first, and the first
// paint waited for them. Their names carry a hash of their content, so they never change under a
// name; each is read once, on first request, with the compressed forms the build made beside it
// (scripts/build-server.mjs), or compressed here (faster, less small) when the build has none.
const TYPES: Readonly<Record<string, string>> = {
  js: 'application/javascript; charset=UTF-8',
  css: 'text/css; charset=UTF-8',
};
const PATH = /^\/_next\/static\/((?:[\w-]+\/)*[\w.-]+\.(js|css))$/;
const ROOT = join(process.cwd(), '.next', 'static');

type StaticFile = { type: string; etag: string; identity: Buffer; gzip: Buffer; br: Buffer };

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

// Only files that exist are kept (a name that fails to read is forgotten): the build's own files
// bound the memory, whatever names clients ask for.
const files = new Map<string, Promise<StaticFile | null>>();

async function load(name: string, extension: string): Promise<StaticFile | null> {
  const path = join(ROOT, name);
  let identity: Buffer;
  try {
    identity = await readFile(path);
  } catch {
    return null;
  }
  const [br, gz] = await Promise.all([
    readFile(`${path}.br`).catch(() => brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })),
    readFile(`${path}.gz`).catch(() => gzipped(identity)),
  ]);
  return {
    type: TYPES[extension]!,
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    identity,
    gzip: gz,
    br,
  };
}

// Browsers send a handful of encodings.
const MAX_ENCODINGS = 10;

/** The encodings an Accept-Encoding header accepts (`br;q=0` refuses brotli). */
export function acceptedEncodings(acceptEncoding: string): Set<string> {
  return new Set(weightedList(acceptEncoding.toLowerCase(), MAX_ENCODINGS));
}

/** Brotli, else gzip, among what the client accepts, when smaller. */
function encodingFor(file: StaticFile, acceptEncoding: string): [string | null, Buffer] {
  const accepted = acceptedEncodings(acceptEncoding);
  if (accepted.has('br') && file.br.length < file.identity.length) return ['br', file.br];
  if (accepted.has('gzip') && file.gzip.length < file.identity.length) return ['gzip', file.gzip];
  return [null, file.identity];
}

/**
 * Answers a GET of a script or stylesheet under /_next/static/ that the build has; null for
 * anything else, and the fallback (Next) answers a name the build does not have.
 */
export function staticFile(
  req: IncomingMessage,
  res: ServerResponse,
  fallback: () => Promise<void>,
): Promise<void> | null {
  // The path as sent: its folders cannot hold a dot, so nothing resolves outside ROOT.
  const match = req.method === 'GET' ? PATH.exec(req.url?.split('?')[0] ?? '') : null;
  if (!match || match[1]!.includes('..')) return null;
  const [, name, extension] = match as unknown as [string, string, string];
  let file = files.get(name);
  if (!file) {
    file = load(name, extension);
    files.set(name, file);
  }
  return file.then((found) => {
    if (!found) {
      files.delete(name);
      return fallback();
    }
    const headers = [
      ...SECURITY_HEADER_LIST,
      'Cache-Control',
      'public, max-age=31536000, immutable',
      'ETag',
      found.etag,
      'Vary',
      'Accept-Encoding',
    ];
    if (req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const [encoding, body] = encodingFor(found, String(req.headers['accept-encoding'] ?? ''));
    headers.push('Content-Type', found.type, 'Content-Length', String(body.length));
    if (encoding) headers.push('Content-Encoding', encoding);
    res.writeHead(200, headers);
    res.end(body);
  });
}
