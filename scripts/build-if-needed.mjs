import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, SERVER_BUNDLE } from './build-server.mjs';

const SOURCES = [
  'app',
  'components',
  'lib',
  'messages',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

const builtAt = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/**
 * Runs `next build` and bundles our server when there is no build or a source file is newer than
 * it (`next build` empties .next/, so the server is bundled after it).
 */
export function buildIfNeeded(root = process.cwd()) {
  const changedAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  const nextBuiltAt = builtAt(join(root, '.next', 'BUILD_ID'));
  if (nextBuiltAt > changedAt) {
    bundleServerIfNeeded(root);
    return;
  }
  console.error(nextBuiltAt ? 'Sources changed since the last build: building…' : 'No build yet: building…');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  buildServer(root);
}

/** Bundles our server again when a source is newer than the bundle (a second; for test runs). */
export function bundleServerIfNeeded(root = process.cwd()) {
  const changedAt = Math.max(...[...SOURCES, 'server'].map((s) => newestMtime(join(root, s))));
  if (builtAt(join(root, SERVER_BUNDLE)) <= changedAt) buildServer(root);
}
