import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStaffAuth, createStaffLockout } from '@/lib/access/staff-auth';
import { createDb } from '@/lib/db/client';
import { getInstanceSecret } from '@/lib/db/staff';
import { canConnect, createScratchDatabase, DEFAULT_TEST_DATABASE_URL } from '@/test/support/postgres';
import { runCli } from './commands';

// The CLI as an operator runs it (`npm run cli`), in a process of its own: its settings come from
// the environment, which the process reads once.
const dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
const database = `file:${join(dir, 'portal.db')}`;

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.mts', ...args],
    {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        DATABASE_URL: database,
        LOG_LEVEL: 'silent',
        ...env,
      },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const signArgs = ['--json', 'links', 'sign', '--account', '1001', '--order-number', 'NL-10001'];
const signedUrl = (env: Record<string, string>) => {
  const run = cli(signArgs, env);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!).url as string;
};

describe('links sign: the base URL of the links', () => {
  beforeAll(() => {
    expect(cli(['demo', 'seed']).status).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is PUBLIC_BASE_URL when set, without a doubled slash', { timeout: 30_000 }, () => {
    const url = signedUrl({ PUBLIC_BASE_URL: 'https://track.example.com/', PORT: '4123' });
    expect(url).toMatch(/^https:\/\/track\.example\.com\/track\?order_number=NL-10001&account=1001&s=/);
  });

  it('is http://localhost:$PORT without PUBLIC_BASE_URL', { timeout: 30_000 }, () => {
    expect(signedUrl({ PORT: '4123' })).toMatch(/^http:\/\/localhost:4123\/track\?/);
  });

  it(
    'is http://localhost:3000 when PORT and PUBLIC_BASE_URL are empty, as unset',
    { timeout: 30_000 },
    () => {
      expect(signedUrl({ PORT: '', PUBLIC_BASE_URL: '' })).toMatch(/^http:\/\/localhost:3000\/track\?/);
    },
  );

  it('refuses a PORT that is not a port, instead of printing it into links', { timeout: 30_000 }, () => {
    for (const PORT of ['abc', '70000']) {
      const run = cli(signArgs, { PORT });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Invalid configuration');
      expect(run.stderr).toContain('PORT');
    }
  });

  it('refuses a PUBLIC_BASE_URL that is not a URL', { timeout: 30_000 }, () => {
    const run = cli(signArgs, { PUBLIC_BASE_URL: 'track.example.com' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('PUBLIC_BASE_URL');
  });
});

// Each run opens its own in-memory SQLite database.
describe('CLI ids', () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const cli = (...args: string[]) => runCli(['node', 'portal', ...args], { databaseUrl: 'file::memory:' });

  it.each([
    ['tokens', 'revoke', '2147483648'],
    ['tokens', 'revoke', '99999999999999'],
    ['tokens', 'revoke', '1e3'],
    ['tokens', 'list', '--account', '2147483648'],
    ['tokens', 'create', '--account', '2147483648', '--scopes', 'read'],
    ['accounts', 'create', '--name', 'Too big', '--id', '2147483648'],
    ['accounts', 'rotate-secret', '--account', '99999999999999'],
    ['accounts', 'brand', '--account', '2147483648', '--name', 'X'],
    ['links', 'sign', '--account', '2147483648', '--order-number', 'A-1'],
  ])('%s %s %s… is a usage error before the database is asked', async (...args) => {
    expect(await cli(...args)).toBe(2);
    expect(err.join('')).toContain('Expected a whole number from 1 to 2147483647.');
  });

  it('takes the largest id the database can hold', async () => {
    expect(await cli('--json', 'accounts', 'create', '--name', 'Edge', '--id', '2147483647')).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ id: 2147483647, name: 'Edge' });
  });
});

// The staff commands in process, on a real database: a SQLite file and, where one is reachable, a
// PostgreSQL scratch database. A sign-in through better-auth shows that what they wrote works.
const pgAdminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const pgReachable = await canConnect(pgAdminUrl);

describe.each(['sqlite', 'postgres'] as const)('staff commands (%s)', { timeout: 30_000 }, (kind) => {
  const skip = kind === 'postgres' && !pgReachable;
  let url: string;
  let cleanup: () => Promise<void>;
  let out: string[];
  let err: string[];
  let account: number;

  const run = async (args: string[], stdin?: string) => {
    out = [];
    err = [];
    const code = await runCli(['node', 'portal', ...args], {
      databaseUrl: url,
      ...(stdin === undefined ? {} : { stdin: async () => stdin }),
    });
    const json = args[0] === '--json' && out.length ? JSON.parse(out.at(-1)!) : null;
    return { code, json, stderr: err.join('') };
  };

  /** Signs in through better-auth on the same database; the HTTP status. */
  async function signIn(email: string, password: string): Promise<number> {
    const db = createDb(url);
    try {
      const auth = createStaffAuth(db, {
        secret: await getInstanceSecret(db, 'staff_auth'),
        baseUrl: 'http://localhost:3000',
        lockout: createStaffLockout({ maxFailures: 100, minutes: 1 }),
      });
      const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
      return res.status;
    } finally {
      await db.destroy();
    }
  }

  beforeAll(async () => {
    if (skip) return;
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase(pgAdminUrl);
      url = scratch.url;
      cleanup = scratch.drop;
    } else {
      const staffDir = mkdtempSync(join(tmpdir(), 'portal-cli-staff-'));
      url = `file:${join(staffDir, 'portal.db')}`;
      cleanup = async () => rmSync(staffDir, { recursive: true, force: true });
    }
  }, 60_000);
  afterAll(async () => {
    if (!skip) await cleanup();
  });
  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.skipIf(skip)('staff create prints a one-time password that signs in and must be changed', async () => {
    account = (await run(['--json', 'accounts', 'create', '--name', 'CLI shop'])).json.id;
    const created = await run([
      '--json',
      'staff',
      'create',
      '--account',
      String(account),
      '--email',
      'Agent@Example.com',
      '--role',
      'agent',
    ]);
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({
      account,
      email: 'agent@example.com',
      name: 'agent',
      role: 'agent',
      must_change_password: true,
    });
    expect(created.json.one_time_password).toMatch(/^[\w-]{20}$/);
    expect(await signIn('agent@example.com', created.json.one_time_password)).toBe(200);
    expect(await signIn('agent@example.com', 'not the password')).toBe(401);
  });

  it.skipIf(skip)('staff create --password-stdin sets that password, with no change asked', async () => {
    const created = await run(
      ['--json', 'staff', 'create', '--account', String(account), '--email', 'boss@example.com'].concat([
        '--role',
        'admin',
        '--name',
        'The Boss',
        '--password-stdin',
      ]),
      'a password from stdin\n',
    );
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({
      name: 'The Boss',
      role: 'admin',
      must_change_password: false,
      one_time_password: null,
    });
    expect(await signIn('boss@example.com', 'a password from stdin')).toBe(200);
  });

  it.skipIf(skip)(
    'staff create refuses a bad role, a taken email, an unknown account, a short password',
    async () => {
      const base = ['staff', 'create', '--account', String(account)];
      expect(await run([...base, '--email', 'x@example.com', '--role', 'owner'])).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('role: The role is admin or agent.'),
      });
      expect(await run([...base, '--email', 'boss@example.com', '--role', 'agent'])).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('boss@example.com exists'),
      });
      expect(
        await run(['staff', 'create', '--account', '99999', '--email', 'y@example.com', '--role', 'agent']),
      ).toMatchObject({ code: 1, stderr: expect.stringContaining('No account 99999') });
      expect(
        await run([...base, '--email', 'z@example.com', '--role', 'agent', '--password-stdin'], 'short'),
      ).toMatchObject({ code: 1, stderr: expect.stringContaining('password: Use at least 12 characters.') });
      expect((await run(['--json', 'staff', 'list'])).json.staff.map((s: any) => s.email)).not.toContain(
        'z@example.com',
      );
    },
  );

  it.skipIf(skip)('staff reset-password replaces the password, with or without stdin', async () => {
    const reset = await run(['--json', 'staff', 'reset-password', '--email', 'BOSS@example.com']);
    expect(reset.code).toBe(0);
    expect(reset.json).toMatchObject({ email: 'boss@example.com', must_change_password: true });
    expect(await signIn('boss@example.com', 'a password from stdin')).toBe(401);
    expect(await signIn('boss@example.com', reset.json.one_time_password)).toBe(200);

    const chosen = await run(
      ['--json', 'staff', 'reset-password', '--email', 'boss@example.com', '--password-stdin'],
      'another long password\n',
    );
    expect(chosen.json).toMatchObject({ must_change_password: false, one_time_password: null });
    expect(await signIn('boss@example.com', 'another long password')).toBe(200);
    expect(await run(['staff', 'reset-password', '--email', 'nobody@example.com'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No staff user nobody@example.com'),
    });
  });

  it.skipIf(skip)('staff list shows every account’s staff, or one account’s', async () => {
    const other = (await run(['--json', 'accounts', 'create', '--name', 'Other CLI shop'])).json.id;
    await run(['staff', 'create', '--account', String(other), '--email', 'o@example.com', '--role', 'agent']);
    const all = await run(['--json', 'staff', 'list']);
    expect(all.json.staff.map((s: any) => [s.account, s.email, s.role])).toEqual([
      [account, 'agent@example.com', 'agent'],
      [account, 'boss@example.com', 'admin'],
      [other, 'o@example.com', 'agent'],
    ]);
    const one = await run(['staff', 'list', '--account', String(other)]);
    expect(one.code).toBe(0);
    expect(out.join('')).toBe(`${other}\to@example.com\tagent\tmust change password\n`);
  });
});
