import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  canConnect,
  createScratchDatabase,
  DEFAULT_TEST_DATABASE_URL,
  startThrowawayPostgres,
} from '../support/postgres';
import { fakeDhlEnv, startFakeDhl } from '../support/fake-carriers/dhl';
import { deleteKeysUnder, redisReachable, TEST_REDIS_URL, warnRedisSkipped } from '../support/redis';
import { type ServerKind, startPortal } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'sqlite' | 'postgres';
    /** Which server the suite runs against: ours (`npm start`) or plain `next start`. */
    serverKind: ServerKind;
    baseUrl: string;
    databaseUrl: string;
    skipReason: string;
    fakeDhlUrl: string;
    /** For suites that need a PostgreSQL database of their own. */
    pgAdminUrl: string;
    /** The Redis key prefix of the server's shared limits ('' when it limits in process). */
    redisPrefix: string;
  }
}

/** One portal server per database kind, on a database of its own, for the HTTP suite. */
export default async function setup(project: TestProject) {
  const { dbKind, serverKind } = project.getProvidedContext();
  const cleanups: Array<() => unknown> = [];
  let databaseUrl: string;

  if (dbKind === 'postgres') {
    let adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
    if (!(await canConnect(adminUrl))) {
      const throwaway = startThrowawayPostgres();
      if (!throwaway) {
        const reason = `PostgreSQL is not reachable at ${adminUrl} and no PostgreSQL binaries were found to start one`;
        console.warn(
          `\n${'!'.repeat(78)}\n!! SKIPPING the PostgreSQL API suite: ${reason}.\n${'!'.repeat(78)}\n`,
        );
        project.provide('skipReason', reason);
        project.provide('baseUrl', '');
        project.provide('databaseUrl', '');
        project.provide('fakeDhlUrl', '');
        project.provide('pgAdminUrl', '');
        project.provide('redisPrefix', '');
        return;
      }
      cleanups.push(throwaway.stop);
      adminUrl = throwaway.url;
    }
    project.provide('pgAdminUrl', adminUrl);
    const scratch = await createScratchDatabase(adminUrl);
    cleanups.push(scratch.drop);
    databaseUrl = scratch.url;
  } else {
    project.provide('pgAdminUrl', '');
    const dir = mkdtempSync(join(tmpdir(), 'portal-sqlite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    databaseUrl = `file:${join(dir, 'portal.db')}`;
  }

  // PostgreSQL stands for a deployment of several instances, which share their limits on Redis.
  const shared: Record<string, string> = {};
  project.provide('redisPrefix', '');
  if (dbKind === 'postgres') {
    if (await redisReachable()) {
      const prefix = `portal-test-${process.pid}-${Date.now().toString(36)}`;
      Object.assign(shared, { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix });
      cleanups.push(() => deleteKeysUnder(prefix));
      project.provide('redisPrefix', prefix);
    } else {
      warnRedisSkipped('The PostgreSQL API suite limits in process, not on Redis');
    }
  }

  // Carriers are reached through their base URLs from the environment, as in a deployment.
  const dhl = await startFakeDhl();
  cleanups.push(dhl.close);
  // The test client stands for a trusted proxy: each request's X-Forwarded-For names its client,
  // so one test's limits never touch another's (server/client-ip.ts; test/api/client-ip.test.ts
  // covers what an untrusted client's header does).
  const server = await startPortal(
    {
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'true',
      ...fakeDhlEnv(dhl.url),
      LIVE_REFRESH_BUDGET_MS: '1000',
      TRUSTED_PROXY_HOPS: '1',
      ...shared,
    },
    serverKind,
  );
  cleanups.push(server.stop);
  project.provide('fakeDhlUrl', dhl.url);
  project.provide('skipReason', '');
  project.provide('baseUrl', server.url);
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
