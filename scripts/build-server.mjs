// Bundles our server (server/main.ts and the lib/ it imports) into one CommonJS file beside Next's
// build. Running it compiled instead of through tsx keeps a transpiler, its loader thread and a
// second copy of every source out of the serving process (about 65 MB less resident memory).
// Packages stay outside the bundle (`react-server` resolves `server-only` when it runs, as in
// Next's server bundles); CommonJS because some packages (next/og) have no ESM entry points.
import { join } from 'node:path';
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
}

if (import.meta.url === `file://${process.argv[1]}`) buildServer();
