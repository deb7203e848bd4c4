// `npm test`: every suite (unit, API on SQLite, API on PostgreSQL, browser tests when present),
// ending with one plain "N passed, N failed" line that counts them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const root = process.cwd();
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
buildIfNeeded(root);

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

const vitestJson = join(out, 'vitest.json');
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

const hasE2e =
  existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (hasE2e) {
  const playwrightJson = join(out, 'playwright.json');
  const playwright = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--reporter=list,json'],
    {
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    },
  );
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

if (totals.failed > 0 && exitCode === 0) exitCode = 1;
// A runner can fail with every test green (an unhandled error between tests); the line must say so.
if (exitCode !== 0 && totals.failed === 0) {
  console.error('A test runner failed outside any test (see its output above); counted as one failure.');
  totals.failed = 1;
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
