import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const NO_APP = { group: ['@/app', '@/app/*', '**/app/*'], message: 'lib/ never imports app/.' };

/**
 * One no-restricted-imports rule per folder. A later entry for the same files replaces an earlier
 * one, so an entry for a folder inside lib/ repeats NO_APP.
 */
function layerRules(layers) {
  return layers.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  }));
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers of ARCHITECTURE: each folder imports only what lies below it. Type-only imports of
  // the stored rows are allowed where rows are the input (the projection), since they add no
  // runtime dependency.
  ...layerRules([
    { files: ['lib/**'], patterns: [NO_APP] },
    {
      files: ['components/**'],
      patterns: [
        {
          group: [
            '@/lib/db',
            '@/lib/db/*',
            '@/lib/access',
            '@/lib/access/*',
            '@/lib/carriers',
            '@/lib/carriers/*',
          ],
          message: 'Components get data as props; they never reach the database, access or carriers.',
        },
      ],
    },
    {
      files: ['lib/projection/**', 'lib/carriers/**'],
      patterns: [
        NO_APP,
        {
          group: ['@/lib/db', '@/lib/db/*'],
          allowTypeImports: true,
          message: 'The projection is pure and carriers know no tables: no database here.',
        },
      ],
    },
    {
      files: ['lib/orders/**'],
      ignores: ['**/*.test.ts'],
      patterns: [
        NO_APP,
        {
          group: [
            '@/lib/http',
            '@/lib/http/*',
            '@/lib/demo',
            '@/lib/demo/*',
            'react',
            'react-dom',
            'next',
            'next/*',
          ],
          message: 'Use cases know nothing of HTTP, pages or the demo shop.',
        },
      ],
    },
  ]),
  {
    // Tests read arbitrary JSON response bodies.
    files: ['test/**', '**/*.test.ts', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  globalIgnores([
    '.next/**',
    'next-env.d.ts',
    'data/**',
    'test-results/**',
    'playwright-report/**',
    'bench/results/**',
  ]),
]);
