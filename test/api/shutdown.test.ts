import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import { startPortal } from '../support/server';
import { skipReason } from './context';

// Our server's graceful shutdown (SIGTERM): requests in flight are answered, and what the access
// log still holds is written before the database closes. Our server only, once (vitest.config.mts).
describe.skipIf(skipReason !== '')('graceful shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'answers the request in flight and writes the access log before it exits',
    { timeout: 90_000 },
    async () => {
      const databaseUrl = `file:${join(dir, 'portal.db')}`;
      // The demo shop's orders; a cold widget card takes long enough to be in flight.
      const portal = await startPortal({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true' });
      const db = createDb(databaseUrl);
      try {
        const track = await fetch(
          `${portal.url}/v4/track/orders/info/?tracking_number=00340434166170416000&courier=dhl`,
        );
        expect(track.status).toBe(200);
        const inFlight = fetch(
          `${portal.url}/v4/track/orders/info-widget/?tracking_number=00340434166170416000&courier=dhl&lang=de`,
        ).then(async (res) => ({ status: res.status, bytes: (await res.arrayBuffer()).byteLength }));
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(await portal.stop(30_000)).toBe(0);
        const card = await inFlight;
        expect(card.status).toBe(200);
        expect(card.bytes).toBeGreaterThan(1000);
        const logged = await db
          .selectFrom('access_log')
          .select(['channel', 'lookup_type'])
          .orderBy('id')
          .execute();
        expect(logged).toEqual([
          { channel: 'api', lookup_type: 'tracking_number' },
          { channel: 'widget', lookup_type: 'tracking_number' },
        ]);
      } finally {
        await db.destroy();
      }
    },
  );
});
