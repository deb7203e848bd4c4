// Finds the Chromium the browser tests run in, and installs one when the machine has none.
// Everything that touches the machine comes in through `system`, so the choices are unit-tested
// with fakes (browser.test.mjs) and nothing is installed by the tests.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/**
 * @typedef {object} System
 * @property {Record<string, string | undefined>} env
 * @property {(path: string) => boolean} exists
 * @property {(name: string) => string | null} onPath  the executable of that name on PATH
 * @property {() => string | null} playwrightChromium  Playwright's own Chromium, installed or not
 * @property {boolean} debian  /etc/debian_version exists
 * @property {boolean} root
 * @property {(command: string, args: string[]) => number} run  exit status
 * @property {(line: string) => void} log
 */

/**
 * The first Chromium of: CHROMIUM_PATH, a system Chromium, Playwright's installed Chromium.
 * @param {System} system
 * @returns {{ path: string, source: string } | { error: string } | null}  null when there is none
 */
export function findChromium(system) {
  const chosen = system.env.CHROMIUM_PATH;
  if (chosen) {
    return system.exists(chosen)
      ? { path: chosen, source: 'CHROMIUM_PATH' }
      : { error: `CHROMIUM_PATH is ${chosen}, which does not exist.` };
  }
  for (const path of SYSTEM_PATHS) if (system.exists(path)) return { path, source: 'system Chromium' };
  for (const name of PATH_NAMES) {
    const path = system.onPath(name);
    if (path) return { path, source: `${name} on PATH` };
  }
  const own = system.playwrightChromium();
  if (own && system.exists(own)) return { path: own, source: "Playwright's Chromium" };
  return null;
}

/**
 * Installs Chromium the way the machine allows: apt-get on Debian or Ubuntu as root, else
 * Playwright's own download. Returns an error line when that did not work.
 * @param {System} system
 * @returns {string | null}
 */
function install(system) {
  if (system.debian && system.root) {
    system.log('No Chromium found: installing chromium with apt-get (Debian or Ubuntu, as root) …');
    const updated = system.run('apt-get', ['update', '-qq']);
    if (updated !== 0) return `apt-get update failed (exit ${updated}), so Chromium could not be installed.`;
    // Ubuntu names the package chromium-browser where there is no chromium.
    const known = (name) => system.run('apt-cache', ['show', '--no-all-versions', name]) === 0;
    const pkg = known('chromium') ? 'chromium' : known('chromium-browser') ? 'chromium-browser' : null;
    if (!pkg) return 'Neither chromium nor chromium-browser is an apt package here.';
    if (pkg !== 'chromium') system.log(`No chromium package: installing ${pkg} instead …`);
    const installed = system.run('apt-get', ['install', '-y', '-qq', pkg]);
    if (installed !== 0) return `apt-get install ${pkg} failed (exit ${installed}).`;
    return null;
  }
  system.log("No Chromium found: downloading Playwright's Chromium (npx playwright install chromium) …");
  const status = system.run('npx', ['playwright', 'install', 'chromium']);
  return status === 0 ? null : `npx playwright install chromium failed (exit ${status}).`;
}

/**
 * A Chromium for the browser tests: found, or installed and then found.
 * @param {System} system
 * @returns {{ path: string, source: string } | { error: string }}
 */
export function provisionChromium(system = realSystem()) {
  const found = findChromium(system);
  if (found) return found;
  const failed = install(system);
  const after = failed ? null : findChromium(system);
  if (after && 'path' in after) return { path: after.path, source: `installed, ${after.source}` };
  return { error: failed ?? 'The installation ended without a Chromium to be found.' };
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {System} */
export function realSystem(root = process.cwd()) {
  const require = createRequire(join(root, 'package.json'));
  return {
    env: process.env,
    exists: existsSync,
    onPath: (name) =>
      (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name))
        .find(isExecutable) ?? null,
    playwrightChromium: () => {
      try {
        return require('@playwright/test').chromium.executablePath() || null;
      } catch {
        return null;
      }
    },
    debian: existsSync('/etc/debian_version'),
    root: process.getuid?.() === 0,
    run: (command, args) =>
      spawnSync(command, args, {
        cwd: root,
        // apt-get's progress stays quiet; its errors (stderr) are shown.
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status ?? 1,
    log: (line) => console.error(line),
  };
}
