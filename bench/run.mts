// `npm run bench`: the info API against an empty route handler in the same `next start` and run,
// then the same lookup with 1k and with 1M orders in the database. Prints req/s, p50, p99, ratios.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { createToken } from '@/lib/access/tokens';
import { createAccount } from '@/lib/db/accounts';
import { createDb } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { FAKE_DHL_KEY, fakeDhlEnv, startFakeDhl } from '../test/support/fake-carriers/dhl';
import { startPortal } from '../test/support/server';
import { seedSyntheticOrders } from './seed-orders';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const SMALL = 1_000;

type Result = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  paths?: () => string,
): Promise<Result> {
  const options = {
    url,
    connections: CONNECTIONS,
    headers,
    ...(paths ? { requests: [{ setupRequest: (req: Request) => ({ ...req, path: paths() }) }] } : {}),
  };
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, caches, connection pool
  const r = await autocannon({ ...options, duration: DURATION_S });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function prepareDatabase(dir: string, orders: number) {
  const path = join(dir, `bench-${orders}.db`);
  const db = createDb(`file:${path}`);
  await migrateToLatest(db);
  const account = await createAccount(db, { name: 'Bench shop' });
  const { token } = await createToken(db, account.id, ['read'], 'bench');
  await db.destroy();
  const started = Date.now();
  seedSyntheticOrders(path, account.id, orders);
  console.error(`seeded ${orders} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url: `file:${path}`, account: account.id, token };
}

type RefreshFigures = { plainP50: number; carrierP50: number; refreshP50: number; overheadP50: number };

const p50 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor((sorted.length - 1) / 2)]! * 100) / 100;
};

/**
 * Live refresh overhead: info with live_refresh on orders never refreshed, minus the same info
 * without refresh, minus the fake carrier's own answer time, each as a median of 40 sequential calls.
 */
async function measureLiveRefresh(
  base: string,
  carrier: string,
  account: number,
  auth: Record<string, string>,
): Promise<RefreshFigures> {
  const time = async (url: string, headers: Record<string, string> = {}) => {
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    return { ms: performance.now() - started, refresh: res.headers.get('x-live-refresh') };
  };
  const info = (n: number, live: boolean) =>
    `${base}/v4/track/orders/info/?account=${account}&order_number=B-${n}${live ? '&live_refresh=true' : ''}`;
  // Every third synthetic order is delivered, and finished parcels are never refreshed.
  const inTransit = (from: number, count: number) =>
    Array.from({ length: count * 2 }, (_, i) => from + i)
      .filter((n) => n % 3 !== 0)
      .slice(0, count);
  for (const n of inTransit(300, 10)) await time(info(n, true), auth);
  const plain: number[] = [];
  const refresh: number[] = [];
  const carrierOnly: number[] = [];
  for (const n of inTransit(400, 40)) {
    plain.push((await time(info(n + 100, false), auth)).ms);
    const live = await time(info(n, true), auth);
    if (live.refresh !== 'updated') throw new Error(`live refresh answered ${live.refresh}`);
    refresh.push(live.ms);
    carrierOnly.push(
      (await time(`${carrier}/track/shipments?trackingNumber=BENCH${n}`, { 'DHL-API-Key': FAKE_DHL_KEY })).ms,
    );
  }
  const figures = { plainP50: p50(plain), carrierP50: p50(carrierOnly), refreshP50: p50(refresh) };
  return {
    ...figures,
    overheadP50: Math.round((figures.refreshP50 - figures.plainP50 - figures.carrierP50) * 100) / 100,
  };
}

type WidgetFigures = { coldP50: number; coldP90: number; coldMax: number; pngBytes: number; cached: Result };

/**
 * Cold: a card never drawn before, in a warm process (new orders, one at a time, after warm-up
 * renders). Cached: the same card over and over, served from the in-process cache.
 */
async function measureWidget(
  base: string,
  account: number,
  auth: Record<string, string>,
): Promise<WidgetFigures> {
  const path = (n: number) => `/v4/track/orders/info-widget/?account=${account}&order_number=B-${n}&lang=en`;
  const timed = async (n: number) => {
    const started = performance.now();
    const res = await fetch(base + path(n), { headers: auth });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`widget answered ${res.status}`);
    return { ms: performance.now() - started, bytes };
  };
  for (let n = 1; n <= 10; n++) await timed(n);
  const cold = [];
  for (let n = 11; n <= 50; n++) cold.push(await timed(n));
  const ms = cold.map((c) => c.ms).sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.floor(q * (ms.length - 1))]! * 10) / 10;
  const cached = await load('widget, cached card', base, auth, () => path(7));
  return {
    coldP50: at(0.5),
    coldP90: at(0.9),
    coldMax: at(1),
    pngBytes: Math.round(cold.reduce((s, c) => s + c.bytes, 0) / cold.length),
    cached,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const results: Result[] = [];
  let widget: WidgetFigures | undefined;
  let refresh: RefreshFigures | undefined;
  const dhl = await startFakeDhl();
  try {
    for (const orders of [SMALL, LARGE]) {
      const data = await prepareDatabase(dir, orders);
      const server = await startPortal({
        DATABASE_URL: data.url,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ...fakeDhlEnv(dhl.url),
      });
      try {
        const auth = { authorization: `Bearer ${data.token}` };
        const lookup = () =>
          `/v4/track/orders/info/?account=${data.account}&order_number=B-${1 + Math.floor(Math.random() * orders)}`;
        const probe = await fetch(server.url + lookup(), { headers: auth });
        if (probe.status !== 200) throw new Error(`info answered ${probe.status}: ${await probe.text()}`);
        if (orders === SMALL) results.push(await load('empty route (/healthz)', `${server.url}/healthz`, {}));
        results.push(await load(`info, token, order number, ${orders} orders`, server.url, auth, lookup));
        if (orders === SMALL) widget = await measureWidget(server.url, data.account, auth);
        if (orders === SMALL) refresh = await measureLiveRefresh(server.url, dhl.url, data.account, auth);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await dhl.close();
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nnext start, ${CONNECTIONS} connections, ${DURATION_S} s each (autocannon, same machine)\n`);
  const rows = widget ? [...results, widget.cached] : results;
  console.log('| target | req/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  const [empty, small, large] = results as [Result, Result, Result];
  const ratios = {
    widget_cached_rps_over_empty_rps: widget ? widget.cached.rps / empty.rps : null,
    info_rps_over_empty_rps: small.rps / empty.rps,
    info_p99_ms_at_50: small.p99,
    p50_large_over_small: large.p50 / small.p50,
  };
  console.log(`\ninfo req/s ÷ empty-route req/s: ${ratios.info_rps_over_empty_rps.toFixed(2)} (goal ≥ 0.9)`);
  console.log(`info p99 at ${CONNECTIONS} connections: ${small.p99} ms (goal < 100 ms)`);
  console.log(
    `lookup p50 with ${LARGE} orders ÷ with ${SMALL}: ${ratios.p50_large_over_small.toFixed(2)} (goal ≤ 1.5)`,
  );
  if (widget) {
    console.log(
      `widget cold render (new card, warm process, over HTTP): p50 ${widget.coldP50} ms, p90 ${widget.coldP90} ms, max ${widget.coldMax} ms (goal < 40 ms)`,
    );
    console.log(
      `widget cached req/s ÷ empty-route req/s: ${ratios.widget_cached_rps_over_empty_rps!.toFixed(2)} (goal ≥ 0.8)`,
    );
    console.log(`widget PNG: ${(widget.pngBytes / 1024).toFixed(1)} kB on average`);
  }
  if (refresh) {
    console.log(
      `live refresh p50 ${refresh.refreshP50} ms = info ${refresh.plainP50} ms + fake carrier ${refresh.carrierP50} ms + overhead ${refresh.overheadP50} ms (goal < 10 ms)`,
    );
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    join('bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ results, ratios, widget, refresh }, null, 2),
  );
}

await main();
