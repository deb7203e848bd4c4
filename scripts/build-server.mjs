// Bundles our server (server/main.ts and the lib/ it imports) into one CommonJS file beside Next's
// build. Running it compiled instead of through tsx keeps a transpiler, its loader thread and a
// second copy of every source out of the serving process (about 65 MB less resident memory).
// Packages stay outside the bundle (`react-server` resolves `server-only` when it runs, as in
// Next's server bundles); CommonJS because some packages (next/og) have no ESM entry points.
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const SERVER_BUNDLE = join('.next', 'portal-server.cjs');

/** How Node runs the bundle (`react-server`: see above), for `npm start` and the tests alike. */
export const SERVER_NODE_OPTIONS = ['--conditions=react-server'];

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
