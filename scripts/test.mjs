// `npm test`: every suite (unit, API on SQLite, API on PostgreSQL, browser tests when present),
// ending with one plain "N passed, N failed" line that counts them all.
// `node scripts/test.mjs vitest` or `… browser` runs one part only (`npm run test:browser`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { provisionChromium } from './browser.mjs';
import { buildIfNeeded } from './build-if-needed.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const root = process.cwd();
const out = join(root, 'test-results');
const PARTS = ['vitest', 'browser'];
const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !PARTS.includes(p));
if (unknown.length) {
  console.error(`Unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}.`);
  process.exit(2);
}
const parts = asked.length ? asked : PARTS;
mkdirSync(out, { recursive: true });
buildIfNeeded(root);

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
const playwrightCli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');

if (parts.includes('vitest')) {
  const vitestJson = join(out, 'vitest.json');
  // A report left by an earlier run must not stand in for a runner that crashed before writing one.
  rmSync(vitestJson, { force: true });
  const vitest = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
    { stdio: 'inherit', env: process.env },
  );
  if (vitest.status !== 0) exitCode = vitest.status ?? 1;
  if (existsSync(vitestJson)) {
    const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    // A suite that failed to load has no failed tests but must still count as a failure.
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0)
      totals.failed += report.numFailedTestSuites;
  } else {
    totals.failed += 1;
  }
}

/** How many browser tests there are, without running them (at least 1). */
function countBrowserTests() {
  const list = spawnSync(process.execPath, [playwrightCli, 'test', '--list', '--reporter=json'], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const count = (suite) =>
    (suite.specs ?? []).reduce((n, spec) => n + spec.tests.length, 0) +
    (suite.suites ?? []).reduce((n, child) => n + count(child), 0);
  try {
    const total = JSON.parse(list.stdout).suites.reduce((n, suite) => n + count(suite), 0);
    return Math.max(1, total);
  } catch {
    return 1;
  }
}

const hasE2e =
  existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (parts.includes('browser') && hasE2e) {
  const browser = provisionChromium();
  if ('error' in browser) {
    const count = countBrowserTests();
    console.error(
      `No Chromium for the browser tests: ${browser.error} The ${count} browser tests count as failed.`,
    );
    totals.failed += count;
    exitCode = 1;
  } else {
    console.error(`Browser tests run in ${browser.path} (${browser.source}).`);
    const playwrightJson = join(out, 'playwright.json');
    rmSync(playwrightJson, { force: true });
    const playwright = spawnSync(process.execPath, [playwrightCli, 'test', '--reporter=list,json'], {
      stdio: 'inherit',
      env: { ...process.env, CHROMIUM_PATH: browser.path, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    });
    if (playwright.status !== 0) exitCode = playwright.status ?? 1;
    if (existsSync(playwrightJson)) {
      const { stats } = JSON.parse(readFileSync(playwrightJson, 'utf8'));
      totals.passed += stats.expected + stats.flaky;
      totals.failed += stats.unexpected;
      totals.skipped += stats.skipped;
    } else {
      totals.failed += 1;
    }
  }
}

if (totals.failed > 0 && exitCode === 0) exitCode = 1;
// A runner can fail with every test green (an unhandled error between tests); the line must say so.
if (exitCode !== 0 && totals.failed === 0) {
  console.error('A test runner failed outside any test (see its output above); counted as one failure.');
  totals.failed = 1;
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
