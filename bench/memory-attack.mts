// `npm run bench:memory`: the two memory attacks of issue 8 against a real `next start`, with the
// server's resident memory (RSS, from /proc) before and after each. Prints one line per attack.
//   1. cache keys: 10,000 anonymous reads of one tracking with 20,000 checkpoints, each with a
//      tracking_number the answer does not depend on;
//   2. wrong proofs: 15,000 wrong postal codes for ever-new order numbers from ever-new addresses.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '@/lib/access/tokens';
import { createAccount } from '@/lib/db/accounts';
import { createDb } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { freePort } from '../test/support/server';

const CACHE_KEY_REQUESTS = Number(process.env.BENCH_CACHE_KEY_REQUESTS ?? 10_000);
const WRONG_PROOFS = Number(process.env.BENCH_WRONG_PROOFS ?? 15_000);
const CHECKPOINTS = Number(process.env.BENCH_CHECKPOINTS ?? 20_000);
const PARALLEL = 8;

/** Resident memory of a process and its children, in MB (0 once it has ended). */
function rssMb(pid: number): number {
  try {
    return rssOf(pid);
  } catch {
    return 0;
  }
}

function rssOf(pid: number): number {
  const children = (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  })();
  const own = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(own ?? 0) / 1024 + children.reduce((sum, child) => sum + rssOf(Number(child)), 0);
}

async function start(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        SEED_DEMO: 'true',
        LOG_LEVEL: 'error',
        REFRESH_SCHEDULER: 'off',
        // Each request names its own client, as many attackers behind one trusted proxy would.
        TRUSTED_PROXY_HOPS: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('next start exited');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('next start did not answer');
}

/** Runs `count` requests, PARALLEL at a time; counts the statuses. */
async function flood(count: number, request: (i: number) => Promise<Response>) {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) {
        // A server that died answers nothing: counted as status 0, so the figures still print.
        const status = await request(next++)
          .then(async (res) => (await res.arrayBuffer(), res.status))
          .catch(() => 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return [...statuses].map(([status, n]) => `${n}×${status}`).join(' ');
}

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

const dir = mkdtempSync(join(tmpdir(), 'portal-memory-'));
const databaseUrl = `file:${join(dir, 'portal.db')}`;
const db = createDb(databaseUrl);
await migrateToLatest(db);
const account = await createAccount(db, { name: 'Memory bench' });
const { token } = await createToken(db, account.id, ['read', 'write'], 'bench');
await db.destroy();

const { url, child } = await start(databaseUrl);
try {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const tn = 'MEMBENCH0001';
  const startMs = Date.now() - CHECKPOINTS * 60_000;
  for (let from = 0; from < CHECKPOINTS; from += 500) {
    const events = Array.from({ length: Math.min(500, CHECKPOINTS - from) }, (_, k) => ({
      courier: 'dhl',
      tracking_number: tn,
      event_status: 'InTransit',
      event_timestamp: new Date(startMs + (from + k) * 60_000).toISOString(),
      location: { city: `Hub ${from + k}`, country_iso3: 'DEU' },
      event_details: `Processed at sorting centre ${from + k}`,
    }));
    const res = await fetch(`${url}/v4/track/events/`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(events),
    });
    if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
  }
  const found = await fetch(`${url}/v4/track/orders/info/?tracking_number=${tn}&courier=dhl`, {
    headers: auth,
  });
  const body = (await found.json()) as { trackings: Array<{ tracking_id: string }> };
  const trackingId = body.trackings[0]!.tracking_id;

  const infoBytes = (
    await (await fetch(`${url}/v4/track/orders/info/?tracking_id=${trackingId}`)).arrayBuffer()
  ).byteLength;
  const pageBytes = (await (await fetch(`${url}/track?tracking_id=${trackingId}&lang=en`)).arrayBuffer())
    .byteLength;

  // Warm up the code paths once, so what follows measures growth, not the first use.
  await flood(200, (i) =>
    fetch(
      `${url}/v4/track/orders/info/?tracking_id=${trackingId}&single_tracking=true&courier=dhl&tracking_number=W${i}`,
      {
        headers: { 'x-forwarded-for': ip(1_000_000 + i) },
      },
    ),
  );
  const before1 = rssMb(child.pid!);
  const statuses1 = await flood(CACHE_KEY_REQUESTS, (i) =>
    fetch(
      `${url}/v4/track/orders/info/?tracking_id=${trackingId}&single_tracking=true&courier=dhl&tracking_number=X${i}`,
      {
        headers: { 'x-forwarded-for': ip(i) },
      },
    ),
  );
  const after1 = rssMb(child.pid!);

  const statuses2 = await flood(WRONG_PROOFS, (i) =>
    fetch(`${url}/v4/track/orders/info/?account=1001&order_number=KEY-${i}&postal_code=1`, {
      headers: { 'x-forwarded-for': ip(2_000_000 + i) },
    }),
  );
  const after2 = rssMb(child.pid!);

  console.log(
    `one tracking with ${CHECKPOINTS} checkpoints: info body ${(infoBytes / 1024).toFixed(0)} kB, page ${(pageBytes / 1024).toFixed(0)} kB`,
  );
  console.log(
    `cache keys: ${CACHE_KEY_REQUESTS} requests (${statuses1}), RSS ${before1.toFixed(0)} → ${after1.toFixed(0)} MB (+${(after1 - before1).toFixed(0)} MB)`,
  );
  console.log(
    `wrong proofs: ${WRONG_PROOFS} requests (${statuses2}), RSS ${after1.toFixed(0)} → ${after2.toFixed(0)} MB (+${(after2 - after1).toFixed(0)} MB)`,
  );
  const alive =
    child.exitCode === null &&
    (await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ));
  console.log(`server alive after both: ${alive}`);
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
