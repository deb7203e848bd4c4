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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const results: Result[] = [];
  try {
    for (const orders of [SMALL, LARGE]) {
      const data = await prepareDatabase(dir, orders);
      const server = await startPortal({ DATABASE_URL: data.url, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
      try {
        const auth = { authorization: `Bearer ${data.token}` };
        const lookup = () =>
          `/v4/track/orders/info/?account=${data.account}&order_number=B-${1 + Math.floor(Math.random() * orders)}`;
        const probe = await fetch(server.url + lookup(), { headers: auth });
        if (probe.status !== 200) throw new Error(`info answered ${probe.status}: ${await probe.text()}`);
        if (orders === SMALL) results.push(await load('empty route (/healthz)', `${server.url}/healthz`, {}));
        results.push(await load(`info, token, order number, ${orders} orders`, server.url, auth, lookup));
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nnext start, ${CONNECTIONS} connections, ${DURATION_S} s each (autocannon, same machine)\n`);
  console.log('| target | req/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  const [empty, small, large] = results as [Result, Result, Result];
  const ratios = {
    info_rps_over_empty_rps: small.rps / empty.rps,
    info_p99_ms_at_50: small.p99,
    p50_large_over_small: large.p50 / small.p50,
  };
  console.log(`\ninfo req/s ÷ empty-route req/s: ${ratios.info_rps_over_empty_rps.toFixed(2)} (goal ≥ 0.9)`);
  console.log(`info p99 at ${CONNECTIONS} connections: ${small.p99} ms (goal < 100 ms)`);
  console.log(
    `lookup p50 with ${LARGE} orders ÷ with ${SMALL}: ${ratios.p50_large_over_small.toFixed(2)} (goal ≤ 1.5)`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    join('bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ results, ratios }, null, 2),
  );
}

await main();
