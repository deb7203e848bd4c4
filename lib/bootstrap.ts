import 'server-only';
import { startAccessLogWriter } from './access/access-log';
import { getConfig } from './config';
import { listAccounts } from './db/accounts';
import { getDb } from './db/client';
import { migrateToLatest } from './db/migrations';
import { seedDemoShop } from './demo/seed';
import { log } from './log';
import { startRefreshScheduler } from './orders/scheduler';
import { perProcess } from './process-state';
import { startWatchlistSweeper } from './staff/watchlist';

/**
 * Once per process, whoever asks first (our server before it listens, Next's instrumentation
 * hook): both wait for the same run, so the database is migrated and seeded once.
 */
export function bootstrap(): Promise<void> {
  return perProcess('bootstrap', run);
}

async function run() {
  // Settings first: a bad one stops the start before anything else happens.
  const config = getConfig();
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length > 0) log.info({ applied }, 'database migrated');
  if (config.SEED_DEMO && (await listAccounts(db)).length === 0) {
    const summary = await seedDemoShop(db);
    log.info(summary, 'demo shop seeded');
  }
  startAccessLogWriter(db);
  // With SQLite this one process refreshes; PostgreSQL instances share the work through claims.
  if (config.carriers.refreshScheduler) startRefreshScheduler(db);
  // Not a carrier call: parcels join the watchlist by time alone whether or not carriers are asked.
  startWatchlistSweeper(db);
}
