import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** The server's database, fresh each run; tests may read it to find their fixtures. */
export const E2E_DATABASE_PATH = 'test-results/e2e.db';
const DB = E2E_DATABASE_PATH;
// `npm test` finds or installs a Chromium and passes it as CHROMIUM_PATH (scripts/browser.mjs).
// Run directly, Playwright takes Debian's Chromium when there is one, else its own browser.
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices['Pixel 7'],
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: {
    // A fresh database each run: the server migrates and seeds the demo shop on start.
    command: `rm -f ${DB} ${DB}-wal ${DB}-shm && node scripts/start.mjs`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(PORT),
      // Each test is a client of its own (useFreshIp), as if behind a proxy that says who.
      TRUSTED_PROXY_HOPS: '1',
      DATABASE_URL: `file:${DB}`,
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      REFRESH_SCHEDULER: 'off',
    },
  },
});
