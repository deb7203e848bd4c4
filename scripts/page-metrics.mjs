// `npm run page-metrics`: how the shopper pages compare with the framework's floor, in one run.
// The floor is a bare App Router page (nothing of ours: no layout, CSS, i18n or data), built once
// into test-results/ for this measurement and served by `next start`; our pages are served by our
// own server (`npm start`'s), with the demo shop. For each page: Lighthouse (mobile, simulated
// throttling) LCP, the first-load JavaScript (gzipped), the HTML's size, server req/s and p99 at
// 20 connections and the server's CPU time per request; then each of ours against the floor. The
// machine's load moves the absolute numbers; the ratios, measured side by side, move less, and the
// CPU time per request least. PAGE_METRICS_REPEATS=3 repeats the
// Lighthouse and load runs (floor and ours in turn) and reports the medians.
// Lighthouse is fetched with npx on demand (pinned 12.2.3), so it is no dependency of the app.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIfNeeded } from './build-if-needed.mjs';
import { SERVER_BUNDLE, SERVER_NODE_OPTIONS } from './build-server.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const PORT = Number(process.env.PAGE_METRICS_PORT ?? 3456);
const REPEATS = Math.max(1, Number(process.env.PAGE_METRICS_REPEATS ?? 1));
const CONNECTIONS = 20;
const DURATION_S = 10;
const WRK = '/usr/bin/wrk';
// Linux's unit of /proc/<pid>/stat CPU times (USER_HZ), 100 on every common build.
const CLOCK_TICKS = 100;
const NEXT_BIN = join('node_modules', 'next', 'dist', 'bin', 'next');
const out = 'test-results/page-metrics';
mkdirSync(out, { recursive: true });

buildIfNeeded();
const floorDir = buildFloor(join(out, 'floor'));

const ours = `http://127.0.0.1:${PORT}`;
const floor = `http://127.0.0.1:${PORT + 1}`;
// The README's signed demo link (valid until 2100): the order page as a shipping email opens it.
const signed = 'order_number=NL-10001&account=1001&s=4102444800.9x4dZ40ks7MqpqjC_dng1zeJS4RSMoysAPN57aITrLY';
const PAGES = [
  { name: 'floor', url: `${floor}/` },
  { name: 'order page (signed link)', url: `${ours}/track?${signed}&lang=en` },
  { name: 'lookup page /', url: `${ours}/?lang=en` },
  { name: 'lookup form /track', url: `${ours}/track?lang=en` },
];

const db = join(out, 'metrics.db');
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const servers = [
  spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_BUNDLE], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      DATABASE_URL: `file:${db}`,
      LOG_LEVEL: 'warn',
      ANON_RATE_LIMIT_PER_MIN: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
  spawn(
    process.execPath,
    [join(floorDir, NEXT_BIN), 'start', floorDir, '-p', String(PORT + 1), '-H', '127.0.0.1'],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  ),
];
// A server that ends early (its port taken by another, say) would leave whatever answers on that
// port to be measured in its place.
let ended = null;
for (const server of servers)
  server.once(
    'exit',
    (code, signal) => (ended ??= `${server.spawnargs.join(' ')} ended (${signal ?? code})`),
  );
const stillServing = () => {
  if (ended) throw new Error(`${ended} before the measurement did: is its port taken?`);
};
try {
  await Promise.all([waitFor(`${ours}/healthz`), waitFor(floor)]);
  stillServing();
  // A warm server, as in production: Lighthouse takes the document's response time into its LCP.
  for (const page of PAGES) for (let i = 0; i < 5; i++) await (await get(page.url)).arrayBuffer();
  for (const [i, page] of PAGES.entries()) {
    const runs = Array.from({ length: REPEATS }, (_, r) => lighthouse(page.url, `lighthouse-${i}-${r}.json`));
    // The run with the median LCP, whole, so that its figures belong together.
    const middle = runs.sort((a, b) => a.lcp - b.lcp)[Math.floor(runs.length / 2)];
    Object.assign(page, await pageWeight(page.url, middle.scriptUrls), middle, {
      lcps: runs.map((r) => r.lcp),
      awaited: runs.map((r) => r.awaited),
    });
  }
  for (let round = 0; round < REPEATS; round++) {
    for (const [i, page] of PAGES.entries())
      (page.runs ??= []).push(await load(page.url, servers[i === 0 ? 1 : 0].pid));
  }
  stillServing();
  report();
} finally {
  for (const server of servers) server.kill('SIGKILL');
}

/** The floor app, written and built here when missing or older than the installed Next. */
function buildFloor(dir) {
  const builtAt = existsSync(join(dir, '.next', 'BUILD_ID'))
    ? statSync(join(dir, '.next', 'BUILD_ID')).mtimeMs
    : 0;
  if (builtAt > statSync(join('node_modules', 'next', 'package.json')).mtimeMs) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'app'), { recursive: true });
  // A project of its own: with ours as Turbopack's root, Next would find our config in a parent
  // folder and build our instrumentation into the floor. Turbopack reads nothing above its root,
  // so the packages come along as hard links (no copy, no disk).
  execFileSync('cp', ['-al', 'node_modules', join(dir, 'node_modules')]);
  writeFileSync(
    join(dir, 'next.config.mjs'),
    `export default { turbopack: { root: ${JSON.stringify(resolve(dir))} } };\n`,
  );
  writeFileSync(
    join(dir, 'app', 'layout.jsx'),
    'export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  );
  // Rendered per request, as our pages are.
  writeFileSync(
    join(dir, 'app', 'page.jsx'),
    "export const dynamic = 'force-dynamic';\n\nexport default function Page() {\n  return (\n    <main>\n      <h1>Your order</h1>\n      <p>A bare App Router page: the framework's floor.</p>\n    </main>\n  );\n}\n",
  );
  console.error('Building the floor page…');
  // Its own copy of Next, so that Next and the page share one React.
  execFileSync(process.execPath, [join(dir, NEXT_BIN), 'build', dir], { stdio: ['ignore', 2, 2] });
  return dir;
}

/** fetch, once more when a kept-alive connection was closed by the server while Lighthouse ran. */
async function get(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * The HTML and the first-load JavaScript of a page (the scripts the browser loaded in Lighthouse's
 * run, whether from a tag or later), gzipped as a server would send them.
 */
async function pageWeight(url, scripts) {
  const res = await get(url, { redirect: 'manual' });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const html = await res.text();
  let js = 0;
  for (const src of scripts) js += gzipSync(Buffer.from(await (await get(src)).arrayBuffer())).length;
  const rsc = [...html.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce(
    (n, m) => n + m[1].length,
    0,
  );
  return { js, scripts: scripts.length, html: html.length, htmlGz: gzipSync(html).length, rsc };
}

function lighthouse(url, file) {
  const chrome = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const path = join(out, file);
  execFileSync(
    'npx',
    [
      '-y',
      'lighthouse@12.2.3',
      url,
      '--quiet',
      '--output=json',
      `--output-path=${path}`,
      '--only-categories=performance',
      '--save-assets',
      '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync',
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, CHROME_PATH: existsSync(chrome) ? chrome : undefined, LANTERN_DEBUG: '1' },
    },
  );
  const lh = JSON.parse(readFileSync(path, 'utf8'));
  const requests = lh.audits['network-requests'].details.items;
  const observed = lh.audits.metrics.details.items[0];
  // With LANTERN_DEBUG, --save-assets also writes the graphs Lighthouse simulated, one trace each.
  const base = path.replace(/\.json$/, '');
  const lcpGraph = JSON.parse(readFileSync(`${base}-optimisticLargestContentfulPaint.trace.json`, 'utf8'));
  for (const asset of readdirSync(out).filter((f) => f.startsWith(`${basename(base)}-`)))
    rmSync(join(out, asset), { force: true });
  return {
    score: Math.round(lh.categories.performance.score * 100),
    lcp: lh.audits['largest-contentful-paint'].numericValue,
    fcp: lh.audits['first-contentful-paint'].numericValue,
    observedFcp: observed.observedFirstContentfulPaint,
    observedLcp: observed.observedLargestContentfulPaint,
    awaited: scriptsAwaited(lcpGraph.traceEvents ?? lcpGraph),
    scriptUrls: requests.filter((r) => r.resourceType === 'Script').map((r) => r.url),
    // Headers and body as sent: over TCP's initial window (14.6 kB) the document takes a second
    // round trip, which the simulated LCP counts.
    documentBytes: requests.find((r) => r.resourceType === 'Document').transferSize,
  };
}

/**
 * The scripts Lighthouse's simulated LCP waits for: those in the request graph it simulates for
 * the optimistic estimate. With this Chromium that is every script that had finished loading when
 * the largest paint reached the screen in the load it observed, whether it ran before that paint
 * or not (its rule leaves out a script it saw run only after the paint; in the runs examined, with
 * LANTERN_DEBUG's graphs, it left out none). Whether the first paint is on screen before the first
 * script has loaded decides most of a page's LCP: at the same HTML, two to three times over.
 */
function scriptsAwaited(events) {
  return events.filter(
    (e) => e.name === 'ResourceSendRequest' && /\.m?js$/.test(new URL(e.args.data.url).pathname),
  ).length;
}

/**
 * CPU time (ms) the process and its children have used. Unlike req/s, the CPU time a request costs
 * hardly moves when other programs share the machine.
 */
function cpuMs(pid) {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the comm's ')'.
        const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
        return [
          { pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) },
        ];
      } catch {
        return [];
      }
    });
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats) {
      if (tree.has(s.ppid) && !tree.has(s.pid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) * (1000 / CLOCK_TICKS);
}

/**
 * Requests per second and p99 (ms) at CONNECTIONS connections after a short warm-up, and the
 * server's CPU time per request.
 */
async function load(url, pid) {
  if (!existsSync(WRK)) return loadWithAutocannon(url, pid);
  const wrk = (seconds) =>
    execFileSync(WRK, ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '--latency', url], {
      encoding: 'utf8',
    });
  wrk(2);
  const cpuBefore = cpuMs(pid);
  const text = wrk(DURATION_S);
  const cpu = cpuMs(pid) - cpuBefore;
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(text) ?? /Socket errors: .*/.exec(text);
  if (failed) throw new Error(`${url}: ${failed[0]}`);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(text);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)[1]),
    p99: Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]],
    cpuPerRequest: cpu / Number(/(\d+) requests in/.exec(text)[1]),
  };
}

async function loadWithAutocannon(url, pid) {
  const { default: autocannon } = await import('autocannon');
  await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  const cpuBefore = cpuMs(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    cpuPerRequest: (cpuMs(pid) - cpuBefore) / r.requests.total,
  };
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function report() {
  for (const page of PAGES) {
    page.rps = median(page.runs.map((r) => r.rps));
    page.p99 = median(page.runs.map((r) => r.p99));
    page.cpu = median(page.runs.map((r) => r.cpuPerRequest));
  }
  const kB = (bytes) => (bytes / 1024).toFixed(1);
  const [base] = PAGES;
  const tool = existsSync(WRK) ? 'wrk' : 'autocannon';
  console.log(
    `\nLighthouse 12.2.3 mobile (simulated), first load, and ${tool} -c${CONNECTIONS} ${DURATION_S} s` +
      `${REPEATS > 1 ? ` (median of ${REPEATS})` : ''}, on this machine:`,
  );
  console.table(
    PAGES.map((p) => ({
      page: p.name,
      'LCP s':
        (p.lcp / 1000).toFixed(2) +
        (REPEATS > 1 ? ` (${p.lcps.map((l) => (l / 1000).toFixed(2)).join(' ')})` : ''),
      'FCP s': (p.fcp / 1000).toFixed(2),
      'observed FCP/LCP ms': `${p.observedFcp}/${p.observedLcp}`,
      'scripts LCP awaits': p.awaited.map((n) => `${n}/${p.scripts}`).join(' '),
      perf: p.score,
      'JS kB gz': `${kB(p.js)} (${p.scripts})`,
      'HTML kB gz': `${kB(p.htmlGz)} (${kB(p.html)} raw, RSC ${kB(p.rsc)})`,
      'document bytes': p.documentBytes,
      'req/s': Math.round(p.rps),
      'p99 ms': Math.round(p.p99),
      'CPU ms/req': p.cpu.toFixed(1),
      runs: p.runs.map((r) => Math.round(r.rps)).join(' '),
    })),
  );
  console.log('\nAgainst the floor (goals for the order page: LCP ≤ 1.2×, JS ≤ +12 kB, req/s ≥ 0.5×):');
  for (const p of PAGES.slice(1)) {
    console.log(
      // The floor's median moves with the runs its first paint loses to its scripts; its fastest
      // run is the stricter comparison.
      `  ${p.name}: LCP ${(p.lcp / base.lcp).toFixed(2)}× ` +
        `(${(p.lcp / Math.min(...base.lcps)).toFixed(2)}× the floor's fastest run), ` +
        `JS ${p.js >= base.js ? '+' : ''}${kB(p.js - base.js)} kB, ` +
        `req/s ${(p.rps / base.rps).toFixed(2)}×, p99 ${(p.p99 / base.p99).toFixed(1)}×, ` +
        `server CPU per request ${(p.cpu / base.cpu).toFixed(1)}× (so at most ${(base.cpu / p.cpu).toFixed(2)}× the floor's req/s)`,
    );
  }
  writeFileSync(join(out, 'page-metrics.json'), JSON.stringify({ pages: PAGES }, null, 2));
}
