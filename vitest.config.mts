import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { bundleServerIfNeeded } from './scripts/build-if-needed.mjs';

// The HTTP suite runs our server from its bundle: bundled again here when a source is newer, so a
// run never tests yesterday's server (`next build` itself stays with `npm test` and `npm run build`).
bundleServerIfNeeded();

const root = fileURLToPath(new URL('./', import.meta.url));
const alias = {
  '@/': root,
  // `server-only` throws outside a React Server Components bundle; tests are server code.
  'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
};

function apiProject(
  name: string,
  provide: { dbKind: 'sqlite' | 'postgres'; serverKind: 'portal' | 'next' },
  exclude: string[] = [],
) {
  return {
    resolve: { alias },
    test: {
      name,
      include: ['test/api/**/*.test.ts'],
      exclude: exclude.map((file) => `test/api/${file}.test.ts`),
      globalSetup: ['test/api/global-setup.ts'],
      provide,
      testTimeout: 30_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}'],
          environment: 'node',
        },
      },
      // The HTTP suite runs against our server on both databases, and against plain `next start`
      // (the route handlers alone) on SQLite: one behaviour whichever door a request takes.
      // Suites about our server itself, which start servers of their own, run once.
      apiProject('api-sqlite', { dbKind: 'sqlite', serverKind: 'portal' }),
      apiProject('api-postgres', { dbKind: 'postgres', serverKind: 'portal' }, [
        'client-ip',
        'parity',
        'shutdown',
      ]),
      apiProject('api-next', { dbKind: 'sqlite', serverKind: 'next' }, [
        'client-ip',
        'parity',
        'one-state',
        'shutdown',
      ]),
    ],
  },
});
