import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENVIRONMENT_VARIABLES, parseConfig } from './config';

const carriers = (env: Record<string, string | undefined>) => parseConfig(env).carriers;

describe('carrier settings', () => {
  it('without variables: no carrier offered, production base URLs, the demo courier and the scheduler on', () => {
    expect(carriers({})).toEqual({
      dhl: { apiKey: undefined, baseUrl: 'https://api-eu.dhl.com' },
      ups: { clientId: undefined, clientSecret: undefined, baseUrl: 'https://onlinetools.ups.com' },
      fedex: { clientId: undefined, clientSecret: undefined, baseUrl: 'https://apis.fedex.com' },
      usps: { clientId: undefined, clientSecret: undefined, baseUrl: 'https://apis.usps.com' },
      postnl: { apiKey: undefined, baseUrl: 'https://api.postnl.nl' },
      demo: { enabled: true },
      liveRefreshBudgetMs: 3000,
      refreshScheduler: true,
    });
  });

  it('reads the variables deployments already set', () => {
    const c = carriers({
      DHL_API_KEY: 'dhl-key',
      DHL_API_BASE_URL: 'http://127.0.0.1:4010/',
      UPS_CLIENT_ID: 'ups-id',
      UPS_CLIENT_SECRET: 'ups-secret',
      UPS_API_BASE_URL: 'https://wwwcie.ups.com',
      FEDEX_CLIENT_ID: 'fedex-id',
      FEDEX_CLIENT_SECRET: 'fedex-secret',
      FEDEX_API_BASE_URL: 'https://apis-sandbox.fedex.com',
      USPS_CLIENT_ID: 'usps-id',
      USPS_CLIENT_SECRET: 'usps-secret',
      USPS_API_BASE_URL: 'https://apis-tem.usps.com',
      POSTNL_API_KEY: 'postnl-key',
      POSTNL_API_BASE_URL: 'https://api-sandbox.postnl.nl',
      DEMO_CARRIER: 'off',
      LIVE_REFRESH_BUDGET_MS: '1500',
      REFRESH_SCHEDULER: 'off',
    });
    // A trailing slash is dropped: paths are appended to the base.
    expect(c.dhl).toEqual({ apiKey: 'dhl-key', baseUrl: 'http://127.0.0.1:4010' });
    expect(c.ups).toEqual({
      clientId: 'ups-id',
      clientSecret: 'ups-secret',
      baseUrl: 'https://wwwcie.ups.com',
    });
    expect(c.fedex.baseUrl).toBe('https://apis-sandbox.fedex.com');
    expect(c.usps.clientSecret).toBe('usps-secret');
    expect(c.postnl).toEqual({ apiKey: 'postnl-key', baseUrl: 'https://api-sandbox.postnl.nl' });
    expect(c).toMatchObject({ demo: { enabled: false }, liveRefreshBudgetMs: 1500, refreshScheduler: false });
  });

  it('an empty value means unset, for every setting alike', () => {
    expect(
      carriers({ DHL_API_KEY: '', DHL_API_BASE_URL: '', LIVE_REFRESH_BUDGET_MS: '', REFRESH_SCHEDULER: '' }),
    ).toMatchObject({
      dhl: { apiKey: undefined, baseUrl: 'https://api-eu.dhl.com' },
      liveRefreshBudgetMs: 3000,
      refreshScheduler: true,
    });
  });

  it.each([
    ['LIVE_REFRESH_BUDGET_MS', 'abc'],
    ['LIVE_REFRESH_BUDGET_MS', '0'],
    ['LIVE_REFRESH_BUDGET_MS', '2.5'],
    ['DHL_API_BASE_URL', 'not-a-url'],
    ['UPS_API_BASE_URL', 'ftp://ups.example'],
    ['POSTNL_API_BASE_URL', 'api.postnl.nl'],
    ['DEMO_CARRIER', 'maybe'],
    ['REFRESH_SCHEDULER', 'stopped'],
    ['NOT_RECEIVED_AFTER_HOURS', '-1'],
    ['NOT_RECEIVED_AFTER_HOURS', 'two days'],
  ])('%s=%s stops the start, naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration[\\s\\S]*${name}`));
  });
});

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  /** Rows of the table whose header starts with `first`: cells without their outer pipes. */
  const table = (first: string) => {
    const lines = readme.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`| ${first}`));
    const rows: string[][] = [];
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(
        line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    }
    return rows;
  };
  const names = (cell: string) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)].map((m) => m[1]!);
  const settings = table('variable');
  const documented = new Map<string, string>();
  for (const [variables = '', defaults = ''] of settings) {
    const values = defaults.split(' / ');
    names(variables).forEach((name, i) => documented.set(name, values[i] ?? values[0]!));
  }
  const carrierVariables = table('courier').flatMap(([, variables = '']) => names(variables));

  it('lists every variable the app reads, and no other', () => {
    const read = Object.keys(ENVIRONMENT_VARIABLES).sort();
    expect([...new Set([...documented.keys(), ...carrierVariables])].sort()).toEqual(read);
  });

  it('gives each variable of the settings table the default the schema has', () => {
    for (const [name, text] of documented) {
      const schema = ENVIRONMENT_VARIABLES[name]!;
      const parsed = schema.safeParse(undefined);
      const fallback = parsed.success ? parsed.data : undefined;
      if (fallback === undefined) {
        // No default in the schema: the README says what happens instead, in words.
        expect(text, name).not.toMatch(/^`/);
      } else if (typeof fallback === 'boolean') {
        expect([fallback ? '`true`' : '`false`', fallback ? 'on' : 'off'], name).toContain(text);
      } else {
        expect(text, name).toBe(`\`${String(fallback)}\``);
      }
    }
  });
});

describe('a bad setting', () => {
  it('stops with one line naming each variable', () => {
    expect(() => parseConfig({ WIDGET_CACHE_MB: 'abc', PORT: '70000' })).toThrowError(
      /^Invalid configuration: PORT: .+; WIDGET_CACHE_MB: .+$|^Invalid configuration: WIDGET_CACHE_MB: .+; PORT: .+$/,
    );
    expect(() => parseConfig({ WIDGET_CACHE_MB: 'abc' })).toThrowError(ConfigError);
  });
});
