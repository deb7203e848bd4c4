import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { baseUrl, serverKind, skipReason } from './context';

/** One GET as sent (the path not normalised), the body as it came, still compressed. */
function get(path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (answer: { headers: Record<string, unknown>; body: Buffer }) =>
  answer.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(answer.body)
    : answer.headers['content-encoding'] === 'gzip'
      ? gunzipSync(answer.body)
      : answer.body;

describe.skipIf(skipReason !== '')("the build's scripts and stylesheets", () => {
  it('are the files of the build, cached for good, compressed as the browser accepts', async () => {
    const html = await (await fetch(`${baseUrl}/?lang=en`)).text();
    // The pages carry their stylesheet inline; the build's file is still served by name.
    const stylesheets = readdirSync(join('.next', 'static', 'chunks'))
      .filter((name) => name.endsWith('.css'))
      .map((name) => `/_next/static/chunks/${name}`);
    const assets = [
      ...[...html.matchAll(/(?:href|src)="(\/_next\/static\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!),
      ...stylesheets,
    ];
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    for (const asset of new Set(assets)) {
      const onDisk = readFileSync(join('.next', asset.replace(/^\/_next\//, '')));
      for (const encoding of ['br, gzip', 'gzip', 'identity']) {
        const answer = await get(asset, { 'accept-encoding': encoding });
        expect(answer.status).toBe(200);
        expect(decoded(answer).equals(onDisk)).toBe(true);
        expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(answer.headers['content-type']).toMatch(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        if (encoding === 'identity') expect(answer.headers['content-encoding']).toBeUndefined();
      }
      const first = await get(asset);
      const again = await get(asset, { 'if-none-match': String(first.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
    const script = assets.find((a) => a.endsWith('.js'))!;
    // An encoding the client refuses by weight is not sent, whatever else it names.
    const refused = await get(script, { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    expect(decoded(refused).equals(readFileSync(join('.next', script.replace(/^\/_next\//, ''))))).toBe(true);
    // A tag that is not the file's is not a 304.
    expect((await get(script, { 'if-none-match': '"not-this-one"' })).status).toBe(200);
    // Our server sends brotli, the build's best (Next's handler only gzip).
    if (serverKind === 'portal') {
      const answer = await get(script, { 'accept-encoding': 'gzip, br' });
      expect(answer.headers['content-encoding']).toBe('br');
    }
  });

  it.each([
    ['a name the build does not have', '/_next/static/chunks/no-such-chunk.js'],
    ['a way out of the folder', '/_next/static/../../package.json'],
    ['an encoded way out', '/_next/static/chunks/%2e%2e/%2e%2e/%2e%2e/package.json'],
    ['a way out named like a script', '/_next/static/chunks/..%2f..%2f..%2fnext.config.js'],
  ])('%s is not found', async (_, path) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).not.toContain('"dependencies"');
  });
});
