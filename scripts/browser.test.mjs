import { describe, expect, it } from 'vitest';
import { findChromium, provisionChromium } from './browser.mjs';

const PLAYWRIGHT = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

/**
 * A machine with the given files and PATH entries. `run` records each command line and answers
 * `status(line)`; a successful line listed in `installs` puts its file in place.
 */
function fakeSystem({
  env = {},
  files = [],
  path = {},
  debian = true,
  root = true,
  status = () => 0,
  installs = {},
} = {}) {
  const present = new Set(files);
  const calls = [];
  const lines = [];
  return {
    calls,
    lines,
    env,
    exists: (p) => present.has(p),
    onPath: (name) => (path[name] && present.has(path[name]) ? path[name] : null),
    playwrightChromium: () => PLAYWRIGHT,
    debian,
    root,
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      calls.push(line);
      const code = status(line);
      if (code === 0 && installs[line]) present.add(installs[line]);
      return code;
    },
    log: (line) => lines.push(line),
  };
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, before any other browser', () => {
    const system = fakeSystem({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      files: ['/opt/chrome/chrome', '/usr/bin/chromium', PLAYWRIGHT],
    });
    expect(findChromium(system)).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
  });

  it('is an error when CHROMIUM_PATH names nothing, even if another browser exists', () => {
    const system = fakeSystem({ env: { CHROMIUM_PATH: '/nope/chrome' }, files: ['/usr/bin/chromium'] });
    expect(findChromium(system)).toEqual({ error: 'CHROMIUM_PATH is /nope/chrome, which does not exist.' });
  });

  it('prefers /usr/bin/chromium, then /usr/bin/chromium-browser, then PATH, then Playwright', () => {
    const all = {
      files: [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/local/bin/chromium',
        '/opt/google/google-chrome',
        PLAYWRIGHT,
      ],
      path: { chromium: '/usr/local/bin/chromium', 'google-chrome': '/opt/google/google-chrome' },
    };
    const order = [];
    for (;;) {
      const found = findChromium(fakeSystem(all));
      if (!found) break;
      order.push(found.path);
      all.files = all.files.filter((f) => f !== found.path);
    }
    expect(order).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/local/bin/chromium',
      '/opt/google/google-chrome',
      PLAYWRIGHT,
    ]);
  });

  it("counts Playwright's Chromium only when its file exists", () => {
    expect(findChromium(fakeSystem({ files: [] }))).toBeNull();
    expect(findChromium(fakeSystem({ files: [PLAYWRIGHT] }))).toEqual({
      path: PLAYWRIGHT,
      source: "Playwright's Chromium",
    });
  });
});

describe('provisionChromium', () => {
  it('installs nothing when a browser is there', () => {
    const system = fakeSystem({ files: ['/usr/bin/chromium'] });
    expect(provisionChromium(system)).toEqual({ path: '/usr/bin/chromium', source: 'system Chromium' });
    expect(system.calls).toEqual([]);
  });

  it('installs nothing when CHROMIUM_PATH is wrong, and says so', () => {
    const system = fakeSystem({ env: { CHROMIUM_PATH: '/nope' } });
    expect(provisionChromium(system)).toEqual({ error: 'CHROMIUM_PATH is /nope, which does not exist.' });
    expect(system.calls).toEqual([]);
  });

  it("installs Debian's chromium with apt-get as root on Debian, in one announced step", () => {
    const system = fakeSystem({ installs: { 'apt-get install -y -qq chromium': '/usr/bin/chromium' } });
    expect(provisionChromium(system)).toEqual({
      path: '/usr/bin/chromium',
      source: 'installed, system Chromium',
    });
    expect(system.calls).toEqual([
      'apt-get update -qq',
      'apt-cache show --no-all-versions chromium',
      'apt-get install -y -qq chromium',
    ]);
    expect(system.lines).toEqual([
      'No Chromium found: installing chromium with apt-get (Debian or Ubuntu, as root) …',
    ]);
  });

  it('falls back to chromium-browser where chromium is no package (Ubuntu)', () => {
    const system = fakeSystem({
      status: (line) => (line === 'apt-cache show --no-all-versions chromium' ? 100 : 0),
      installs: { 'apt-get install -y -qq chromium-browser': '/usr/bin/chromium-browser' },
    });
    expect(provisionChromium(system)).toMatchObject({ path: '/usr/bin/chromium-browser' });
    expect(system.calls).toEqual([
      'apt-get update -qq',
      'apt-cache show --no-all-versions chromium',
      'apt-cache show --no-all-versions chromium-browser',
      'apt-get install -y -qq chromium-browser',
    ]);
  });

  it('reports a failed apt-get and installs nothing else', () => {
    const system = fakeSystem({ status: (line) => (line.startsWith('apt-get update') ? 100 : 0) });
    expect(provisionChromium(system)).toEqual({
      error: 'apt-get update failed (exit 100), so Chromium could not be installed.',
    });
    expect(system.calls).toEqual(['apt-get update -qq']);
  });

  it('reports an install that succeeds without leaving a browser behind', () => {
    const system = fakeSystem();
    expect(provisionChromium(system)).toEqual({
      error: 'The installation ended without a Chromium to be found.',
    });
  });

  it("downloads Playwright's Chromium when not root", () => {
    const system = fakeSystem({ root: false, installs: { 'npx playwright install chromium': PLAYWRIGHT } });
    expect(provisionChromium(system)).toEqual({
      path: PLAYWRIGHT,
      source: "installed, Playwright's Chromium",
    });
    expect(system.calls).toEqual(['npx playwright install chromium']);
    expect(system.lines[0]).toMatch(/^No Chromium found: downloading Playwright's Chromium/);
  });

  it("downloads Playwright's Chromium off Debian, and reports its failure", () => {
    const system = fakeSystem({ debian: false, status: () => 1 });
    expect(provisionChromium(system)).toEqual({ error: 'npx playwright install chromium failed (exit 1).' });
    expect(system.calls).toEqual(['npx playwright install chromium']);
  });
});
