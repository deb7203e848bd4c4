// `npm run page-metrics`: Lighthouse (mobile) scores and LCP of the order page, and the first-load
// JavaScript it ships (gzipped), against `next start` with the demo shop. Lighthouse is fetched
// with npx on demand (pinned 12.2.3), so it is no dependency of the app.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIfNeeded } from './build-if-needed.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
const port = 3456;
const base = `http://127.0.0.1:${port}`;
const out = 'test-results/page-metrics';
mkdirSync(out, { recursive: true });
const db = join(out, 'metrics.db');
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
  {
    env: { ...process.env, DATABASE_URL: `file:${db}`, LOG_LEVEL: 'warn', ANON_RATE_LIMIT_PER_MIN: '0' },
    stdio: 'ignore',
  },
);
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const page = `${base}/track?account=1001&order_number=NL-10001&postal_code=10115&lang=en`;

  const html = await (await fetch(page)).text();
  // Modern browsers skip `nomodule` polyfills, so they are not part of the first load.
  const scripts = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"([^>]*)>/g)]
    .filter((m) => !/nomodule/i.test(m[1] + m[3]))
    .map((m) => m[2]);
  let gzipped = 0;
  for (const src of new Set(scripts))
    gzipped += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;

  const chrome = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const report = join(out, 'lighthouse.json');
  execFileSync(
    'npx',
    [
      '-y',
      'lighthouse@12.2.3',
      page,
      '--quiet',
      '--output=json',
      `--output-path=${report}`,
      '--only-categories=performance,accessibility',
      '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync',
    ],
    { stdio: 'inherit', env: { ...process.env, CHROME_PATH: existsSync(chrome) ? chrome : undefined } },
  );
  const lh = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`order page: ${page}`);
  console.log(
    `Lighthouse ${lh.lighthouseVersion} (mobile): performance ${Math.round(lh.categories.performance.score * 100)}, accessibility ${Math.round(lh.categories.accessibility.score * 100)}`,
  );
  const observed = lh.audits.metrics.details.items[0];
  console.log(
    `observed on this machine (no throttling): FCP ${observed.observedFirstContentfulPaint} ms, LCP ${observed.observedLargestContentfulPaint} ms`,
  );
  console.log(
    `simulated mobile: LCP ${(lh.audits['largest-contentful-paint'].numericValue / 1000).toFixed(2)} s, FCP ${(lh.audits['first-contentful-paint'].numericValue / 1000).toFixed(2)} s, TBT ${Math.round(lh.audits['total-blocking-time'].numericValue)} ms, CLS ${lh.audits['cumulative-layout-shift'].numericValue.toFixed(3)}`,
  );
  console.log(
    `first-load JavaScript: ${(gzipped / 1024).toFixed(1)} kB gzipped in ${new Set(scripts).size} files`,
  );
} finally {
  server.kill('SIGKILL');
}
