// `npm run bench`: in one run, on the same data and machine, the public read API served by our
// server (`npm start`), by plain `next start`, and by a bare node:http server doing the same lookup
// and sending the same bytes (bench/bare-server.mts): info with 1k and with 1M orders, a cached
// widget card and a widget 304, and an empty Next route for reference; info also on our server with
// the access log off (on a copy of the data), and the log's cost measured once more in paired
// rounds and side by side. All servers run side by side and each target is measured on them in turn.
// Prints req/s, p50, p99 and CPU time per request, the ratios, and our server's resident memory
// after its runs.
import { fork } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { createToken } from '@/lib/access/tokens';
import { createAccount } from '@/lib/db/accounts';
import { createDb } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { FAKE_DHL_KEY, fakeDhlEnv, startFakeDhl } from '../test/support/fake-carriers/dhl';
import { freePort, startPortal } from '../test/support/server';
import { seedSyntheticOrders } from './seed-orders';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 1));
const SMALL = 1_000;
const WARM_UP_S = 2;

type Result = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The server's CPU time (every thread) per request answered, in µs: steadier than req/s. */
  cpuUs: number;
};

/** CPU time a process has used, every thread together, in µs (/proc, clock ticks of 10 ms). */
const cpuTimeUs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

/** `url` loaded for `duration` s, each request to a path `paths` gives. */
const load = (
  url: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
  paths: () => string,
) =>
  autocannon({
    url,
    connections,
    duration,
    headers,
    requests: [{ setupRequest: (req: Request) => ({ ...req, path: paths() }) }],
  });

/**
 * One measured run at CONNECTIONS, warmed up right before it (JIT, caches, connections): a server
 * that sat idle while the others ran starts cold, and how cold depends on its place in the turn
 * (with one warm-up at the start, 8 rounds: the access log's cost read about 3 % where it ran after
 * itself and about 18 % where it ran after the server without it).
 */
async function warmRun(
  { url, pid }: { url: string; pid: number },
  duration: number,
  headers: Record<string, string>,
  paths: () => string,
) {
  await load(url, CONNECTIONS, WARM_UP_S, headers, paths);
  const before = cpuTimeUs(pid);
  const r = await load(url, CONNECTIONS, duration, headers, paths);
  return { r, cpuUs: (cpuTimeUs(pid) - before) / Math.max(1, r.requests.total) };
}

/**
 * Several servers under the same load, measured in turn (A, B, A, B…) so that a drift of the
 * machine's speed during the run falls on each alike; the run with the median req/s of each.
 */
async function loadInTurn(
  targets: ReadonlyArray<{ name: string; url: string; pid: number }>,
  headers: Record<string, string>,
  paths: () => string,
): Promise<Result[]> {
  // This kind of machine swings by tens of percent between identical runs: with BENCH_REPEATS,
  // each target runs that often and the run with the median req/s is reported.
  const runs: Result[][] = targets.map(() => []);
  for (let i = 0; i < REPEATS; i++) {
    // Every other repeat in reverse order: which server runs after which moves the figures (in a
    // fixed order ours with the access log on read 0.8 of the one with it off; alternating, 1.0).
    const turn = [...targets.entries()];
    for (const [t, target] of i % 2 ? turn.reverse() : turn) {
      const { r, cpuUs } = await warmRun(target, DURATION_S, headers, paths);
      runs[t]!.push({
        name: target.name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        cpuUs,
      });
    }
  }
  return runs.map((own) => [...own].sort((a, b) => a.rps - b.rps)[Math.floor((own.length - 1) / 2)]!);
}

type Ratios = { rounds: number; rps: number; cpu: number };
/** The access log's cost: on ÷ off, measured both ways. */
type LogCost = { paired: Paired; sideBySide: Ratios };
type Paired = Ratios & {
  /** Each round's ratio of req/s. */
  each: number[];
  /** The best run of each (req/s; CPU time per request), compared. */
  best: { rps: number; cpu: number };
};

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)]!;

const LOG_COST_ROUNDS = Math.max(8, 2 * REPEATS);

/**
 * Two servers in rounds, each round one run of each right after the other (warmed up right
 * before), in alternating order: how the first compares with the second, as the median over
 * rounds of the round's ratio of req/s and of CPU time per request. On this kind of machine the
 * same build reads up to 30 % apart from one run to the next; one round's two runs meet nearly
 * the same machine, and the median of many rounds is not moved by one slow spell. Also each one's
 * best run compared: a slower machine only ever takes away, so the best of many runs is the
 * closest to what the code itself costs.
 */
async function loadPaired(
  targets: readonly [{ url: string; pid: number }, { url: string; pid: number }],
  headers: Record<string, string>,
  paths: () => string,
): Promise<Paired> {
  const rounds: Array<Array<{ rps: number; cpuUs: number }>> = [];
  for (let i = 0; i < LOG_COST_ROUNDS; i++) {
    const runs: Array<{ rps: number; cpuUs: number }> = [];
    for (const t of i % 2 ? [1, 0] : [0, 1]) {
      const { r, cpuUs } = await warmRun(targets[t]!, DURATION_S / 2, headers, paths);
      runs[t] = { rps: r.requests.average, cpuUs };
    }
    rounds.push(runs);
  }
  const rps = rounds.map(([a, b]) => a!.rps / b!.rps);
  const best = (t: number) => ({
    rps: Math.max(...rounds.map((runs) => runs[t]!.rps)),
    cpuUs: Math.min(...rounds.map((runs) => runs[t]!.cpuUs)),
  });
  const [a, b] = [best(0), best(1)];
  return {
    rounds: LOG_COST_ROUNDS,
    rps: median(rps),
    cpu: median(rounds.map(([x, y]) => x!.cpuUs / y!.cpuUs)),
    each: rps,
    best: { rps: a.rps / b.rps, cpu: a.cpuUs / b.cpuUs },
  };
}

/**
 * Two servers loaded at the same time, each by its own clients (half the connections each), in
 * rounds: how the first compares with the second, as the median over rounds of req/s and of CPU
 * time per request. Both meet the same machine, so the round-to-round spread of the ratio falls to
 * a few percent; but on two cores they also share it, so the CPU time per request is the figure
 * to read here, not the req/s.
 */
async function loadSideBySide(
  targets: readonly [{ url: string; pid: number }, { url: string; pid: number }],
  headers: Record<string, string>,
  paths: () => string,
): Promise<Ratios> {
  const rounds = Math.max(6, 2 * REPEATS);
  const rps: number[] = [];
  const cpu: number[] = [];
  const run = ({ url }: { url: string }, duration: number) =>
    load(url, Math.ceil(CONNECTIONS / 2), duration, headers, paths);
  await Promise.all(targets.map((t) => run(t, WARM_UP_S)));
  for (let i = 0; i < rounds; i++) {
    const before = targets.map((t) => cpuTimeUs(t.pid));
    const [a, b] = await Promise.all(targets.map((t) => run(t, DURATION_S / 2)));
    const [cpuA, cpuB] = targets.map((t, j) => cpuTimeUs(t.pid) - before[j]!);
    rps.push(a!.requests.total / b!.requests.total);
    cpu.push(cpuA! / a!.requests.total / (cpuB! / b!.requests.total));
  }
  return { rounds, rps: median(rps), cpu: median(cpu) };
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
  // The server with the access log off reads its own copy: on one file, the other's log writes
  // would empty its SQLite page cache too, and the comparison would be with a log half-on.
  if (existsSync(`${path}-wal`)) throw new Error('the seeded database was not closed');
  const quietPath = join(dir, `bench-${orders}-log-off.db`);
  copyFileSync(path, quietPath);
  return { url: `file:${path}`, quietUrl: `file:${quietPath}`, account: account.id, token };
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

type WidgetFigures = { coldP50: number; coldP90: number; coldMax: number; pngBytes: number };

/** Cold: a card never drawn before, in a warm process (new orders, one at a time, after warm-up renders). */
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
  return {
    coldP50: at(0.5),
    coldP90: at(0.9),
    coldMax: at(1),
    pngBytes: Math.round(cold.reduce((s, c) => s + c.bytes, 0) / cold.length),
  };
}

type Server = { url: string; pid: number; stop: () => Promise<unknown> };

/** The bare baseline, serving `json` for info and `png` for the widget. */
async function startBare(dbPath: string, json: Buffer, png: Buffer, dir: string): Promise<Server> {
  const jsonFile = join(dir, 'body.json');
  const pngFile = join(dir, 'body.png');
  writeFileSync(jsonFile, json);
  writeFileSync(pngFile, png);
  const port = await freePort();
  const child = fork('bench/bare-server.mts', [dbPath, String(port), jsonFile, pngFile], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill();
    },
  };
}

/** Resident memory of a process, in MB. */
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const LABEL = {
  bare: 'bare node:http',
  portal: 'our server',
  quiet: 'our server, access log off',
  next: 'next start',
} as const;
type Kind = keyof typeof LABEL;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const results: Array<Result & { kind: string; target: string }> = [];
  let widget: WidgetFigures | undefined;
  let refresh: RefreshFigures | undefined;
  let memoryMb = 0;
  const logCost: Record<number, LogCost> = {};
  const dhl = await startFakeDhl();
  try {
    for (const orders of [SMALL, LARGE]) {
      const data = await prepareDatabase(dir, orders);
      const auth = { authorization: `Bearer ${data.token}` };
      const order = () => `account=${data.account}&order_number=B-${1 + Math.floor(Math.random() * orders)}`;
      const info = () => `/v4/track/orders/info/?${order()}`;
      const card = `/v4/track/orders/info-widget/?account=${data.account}&order_number=B-7&lang=en`;
      const env: Record<string, string> = {
        DATABASE_URL: data.url,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ...fakeDhlEnv(dhl.url),
      };
      // Every server runs beside the others and each target is measured on all of them in turn,
      // so a drift of the machine's speed during the run falls on each alike.
      const servers: Partial<Record<Kind, Server>> = {};
      try {
        servers.portal = await startPortal(env, 'portal');
        // The same server with the access log off: what recording every read costs.
        servers.quiet = await startPortal(
          { ...env, DATABASE_URL: data.quietUrl, ACCESS_LOG_RETENTION_DAYS: '0' },
          'portal',
        );
        servers.next = await startPortal(env, 'next');
        // Ours first: it records the bytes the bare baseline sends.
        const one = await fetch(
          `${servers.portal.url}/v4/track/orders/info/?account=${data.account}&order_number=B-1`,
          {
            headers: auth,
          },
        );
        const png = await fetch(servers.portal.url + card, { headers: auth });
        if (one.status !== 200 || png.status !== 200)
          throw new Error(`probe answered ${one.status}/${png.status}`);
        const etag = png.headers.get('etag') ?? '';
        servers.bare = await startBare(
          data.url.replace(/^file:/, ''),
          Buffer.from(await one.arrayBuffer()),
          Buffer.from(await png.arrayBuffer()),
          dir,
        );
        const measure = async (
          target: string,
          kinds: readonly Kind[],
          headers: Record<string, string>,
          paths: () => string,
        ) => {
          const measured = await loadInTurn(
            kinds.map((kind) => ({
              name: `${target}, ${LABEL[kind]}`,
              url: servers[kind]!.url,
              pid: servers[kind]!.pid,
            })),
            headers,
            paths,
          );
          results.push(...measured.map((r, i) => ({ ...r, kind: kinds[i]!, target })));
        };
        await measure(`info, ${orders} orders`, ['portal', 'quiet', 'next', 'bare'], auth, info);
        const pair = [servers.portal, servers.quiet] as const;
        logCost[orders] = {
          paired: await loadPaired(pair, auth, info),
          sideBySide: await loadSideBySide(pair, auth, info),
        };
        if (orders === SMALL) {
          await measure('widget, cached card', ['portal', 'next', 'bare'], auth, () => card);
          await measure(
            'widget, 304',
            ['portal', 'next', 'bare'],
            { ...auth, 'if-none-match': etag },
            () => card,
          );
          await measure('empty Next route (/healthz)', ['portal', 'next'], {}, () => '/healthz');
          widget = await measureWidget(servers.portal.url, data.account, auth);
          refresh = await measureLiveRefresh(servers.portal.url, dhl.url, data.account, auth);
        } else memoryMb = rssMb(servers.portal.pid);
      } finally {
        for (const server of Object.values(servers)) await server.stop();
      }
    }
  } finally {
    await dhl.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report(results, widget, refresh, memoryMb, logCost);
}

function report(
  results: Array<Result & { kind: string; target: string }>,
  widget: WidgetFigures | undefined,
  refresh: RefreshFigures | undefined,
  memoryMb: number,
  logCost: Record<number, LogCost>,
) {
  const each = REPEATS > 1 ? `, the median of ${REPEATS} runs` : '';
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION_S} s each${each} (autocannon, on the same machine)\n`,
  );
  console.log(
    '| target | req/s | p50 ms | p99 ms | server CPU µs/request | errors | non-2xx |\n|---|---|---|---|---|---|---|',
  );
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuUs.toFixed(0)} | ${r.errors} | ${r.non2xx} |`,
    );
  const find = (target: string, kind: string) => results.find((r) => r.target === target && r.kind === kind);
  const ratios: Record<string, number> = {};
  console.log('');
  for (const target of [...new Set(results.map((r) => r.target))]) {
    const bare = find(target, 'bare');
    for (const kind of ['portal', 'quiet', 'next'] as const) {
      const r = find(target, kind);
      if (!r || !bare) continue;
      ratios[`${target} | ${kind}`] = r.rps / bare.rps;
      console.log(
        `${target}: ${LABEL[kind]} ÷ bare = ${(r.rps / bare.rps).toFixed(3)} (p99 ${r.p99} ms, bare ${bare.p99} ms)`,
      );
    }
  }
  for (const orders of [SMALL, LARGE]) {
    const on = find(`info, ${orders} orders`, 'portal');
    const off = find(`info, ${orders} orders`, 'quiet');
    if (on && off)
      console.log(
        `info, ${orders} orders, in the turn of all servers: access log on ÷ off = ${(on.rps / off.rps).toFixed(3)} (p99 ${on.p99} ms against ${off.p99} ms; server CPU per request ${on.cpuUs.toFixed(0)} µs against ${off.cpuUs.toFixed(0)} µs)`,
      );
    const cost = logCost[orders];
    if (cost) {
      const { paired, sideBySide } = cost;
      console.log(
        `info, ${orders} orders, the access log's cost, in ${paired.rounds} rounds of on and off one right after the other: on ÷ off = ${paired.rps.toFixed(3)} req/s, ${paired.cpu.toFixed(3)} server CPU per request (the median of rounds; req/s ${paired.each.map((r) => r.toFixed(2)).join(', ')}); the best run of each: ${paired.best.rps.toFixed(3)} req/s, ${paired.best.cpu.toFixed(3)} server CPU per request`,
      );
      console.log(
        `info, ${orders} orders, the access log's cost, side by side (both loaded at once, median of ${sideBySide.rounds} rounds): on ÷ off = ${sideBySide.rps.toFixed(3)} req/s, ${sideBySide.cpu.toFixed(3)} server CPU per request`,
      );
    }
  }
  const small = find(`info, ${SMALL} orders`, 'portal');
  const large = find(`info, ${LARGE} orders`, 'portal');
  if (small && large)
    console.log(
      `lookup p50 with ${LARGE} orders ÷ with ${SMALL}, our server: ${(large.p50 / small.p50).toFixed(2)}`,
    );
  console.log(`our server's resident memory after its runs: ${memoryMb.toFixed(0)} MB`);
  if (widget) {
    console.log(
      `widget cold render (new card, warm process, over HTTP): p50 ${widget.coldP50} ms, p90 ${widget.coldP90} ms, max ${widget.coldMax} ms; PNG ${(widget.pngBytes / 1024).toFixed(1)} kB on average`,
    );
  }
  if (refresh) {
    console.log(
      `live refresh p50 ${refresh.refreshP50} ms = info ${refresh.plainP50} ms + fake carrier ${refresh.carrierP50} ms + overhead ${refresh.overheadP50} ms`,
    );
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    join('bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ results, ratios, memoryMb, widget, refresh, logCost }, null, 2),
  );
}

await main();
