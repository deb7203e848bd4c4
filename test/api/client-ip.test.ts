import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../support/server';
import { skipReason } from './context';

// Issue 10: a client can never choose the key its limits are counted under. Our server only (plain
// `next start` believes a client's X-Forwarded-For: the reason our server exists); it runs in the
// api-sqlite project only (vitest.config.mts).
const BUDGET = 3;
const LOOKUP = '/v4/track/orders/info/?tracking_number=NOPE0001&courier=dhl';

describe.skipIf(skipReason !== '')('client identity at the socket', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-ip-'));
  let direct: Awaited<ReturnType<typeof startPortal>>;
  let behindProxy: Awaited<ReturnType<typeof startPortal>>;
  let proxy: Server;
  let proxyUrl: string;

  beforeAll(async () => {
    const env = (name: string, hops: string) => ({
      DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
      ANON_RATE_LIMIT_PER_MIN: String(BUDGET),
      TRUSTED_PROXY_HOPS: hops,
    });
    [direct, behindProxy] = await Promise.all([
      startPortal(env('direct', '0')),
      startPortal(env('proxied', '1')),
    ]);
    // A reverse proxy as deployments have one: it appends its client's address (here taken from
    // a test header, since every test request comes from 127.0.0.1) and forwards.
    const upstream = new URL(behindProxy.url);
    proxy = createServer((req, res) => {
      const client = String(req.headers['x-test-client']);
      const forwarded = [req.headers['x-forwarded-for'], client].filter(Boolean).join(', ');
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, 'x-forwarded-for': forwarded },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(out);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await Promise.all([direct?.stop(), behindProxy?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const statuses = async (base: string, headers: (i: number) => Record<string, string>, count: number) => {
    const out: number[] = [];
    for (let i = 0; i < count; i++)
      out.push((await fetch(`${base}${LOOKUP}`, { headers: headers(i) })).status);
    return out;
  };

  it('spoofed X-Forwarded-For, X-Real-IP and Forwarded never change the limiter’s key', async () => {
    const spoofed = await statuses(
      direct.url,
      (i) => ({
        'x-forwarded-for': `203.0.113.${i}, 198.51.100.${i}`,
        'x-real-ip': `192.0.2.${i}`,
        forwarded: `for=192.0.2.${i}`,
      }),
      BUDGET + 1,
    );
    expect(spoofed).toEqual([...Array(BUDGET).fill(404), 429]);
  });

  it('behind a trusted proxy, each client the proxy names has a budget of its own', async () => {
    const alice = await statuses(proxyUrl, () => ({ 'x-test-client': '203.0.113.10' }), BUDGET + 1);
    expect(alice).toEqual([...Array(BUDGET).fill(404), 429]);
    // Another client behind the same proxy is not affected ...
    expect(await statuses(proxyUrl, () => ({ 'x-test-client': '203.0.113.11' }), 1)).toEqual([404]);
    // ... and a client cannot escape its budget by sending its own X-Forwarded-For through it.
    const forged = await statuses(
      proxyUrl,
      (i) => ({ 'x-test-client': '203.0.113.10', 'x-forwarded-for': `6.6.6.${i}` }),
      2,
    );
    expect(forged).toEqual([429, 429]);
  });
});
