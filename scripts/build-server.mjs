// Bundles our server (server/main.ts and the lib/ it imports) into one CommonJS file beside Next's
// build. Running it compiled instead of through tsx keeps a transpiler, its loader thread and a
// second copy of every source out of the serving process (about 65 MB less resident memory).
// Packages stay outside the bundle (`react-server` resolves `server-only` when it runs, as in
// Next's server bundles); CommonJS because some packages (next/og) have no ESM entry points.
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const SERVER_BUNDLE = join('.next', 'portal-server.cjs');

/**
 * How Node runs the bundle. `react-server`: see above. A young generation of 8 MB semi-spaces
 * instead of 16: a request's garbage dies young either way, and the server holds about 15 MB less.
 */
export const SERVER_NODE_OPTIONS = ['--conditions=react-server', '--max-semi-space-size=8'];

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
