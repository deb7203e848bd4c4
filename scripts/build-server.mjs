// Bundles our server (server/main.ts and the lib/ it imports) into one CommonJS file beside Next's
// build. Running it compiled instead of through tsx keeps a transpiler, its loader thread and a
// second copy of every source out of the serving process (about 65 MB less resident memory).
// Packages stay outside the bundle (`react-server` resolves `server-only` when it runs, as in
// Next's server bundles); CommonJS because some packages (next/og) have no ESM entry points.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

export const SERVER_BUNDLE = join('.next', 'portal-server.cjs');

/**
 * How Node runs the bundle, for `npm start` and the tests alike: `react-server` (see above); an
 * old generation that grows to 1.5× what is alive before V8 collects it (left to choose, V8 let it
 * grow to 2.5–3× under load: about 70 MB alive, 190 MB held, and the resident memory after a busy
 * minute swung between 290 and 450 MB from run to run; with the fixed factor, 265–280 MB); and
 * young semi-spaces of at most 4 MB rather than 16, about 35 MB less at the peak of a busy minute
 * for more, shorter scavenges (at 8 and at 4 MB alike the bench's info req/s and p99 stayed within
 * run-to-run noise; 4 MB held 8–11 MB less after 30 s at 1M orders).
 */
export const SERVER_NODE_OPTIONS = [
  '--conditions=react-server',
  '--heap-growing-percent=50',
  '--max-semi-space-size=4',
];

export function buildServer(root = process.cwd()) {
  buildSync({
    absWorkingDir: root,
    entryPoints: ['server/main.ts'],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    conditions: ['react-server'],
    logLevel: 'warning',
  });
  // What the bundle serves beside Next's build, made whenever the bundle is.
  precompressStatic(root);
}

/**
 * Beside each script and stylesheet of Next's build, its brotli (best) and gzip forms, which our
 * server sends (server/static-files.ts): brotli's best takes about 0.4 s for the largest script,
 * too long for a first request, and makes it 14 % smaller than gzip. Files already done are kept.
 */
function precompressStatic(root) {
  const dir = join(root, '.next', 'static');
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|css)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (existsSync(`${path}.br`) && statSync(`${path}.br`).mtimeMs >= statSync(path).mtimeMs) continue;
    const content = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildServer();
