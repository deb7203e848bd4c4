import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
