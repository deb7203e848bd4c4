import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import rules of ARCHITECTURE are ESLint rules; these cases show they hold (a rule that
// matched nothing would pass every file).
const eslint = new ESLint();

async function restricted(filePath, source) {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => /'([^']+)' import/.exec(m.message)?.[1]);
}

describe('layer rules', () => {
  it.each([
    ['lib/orders/probe.ts', "import { handle } from '@/lib/http/respond';", '@/lib/http/respond'],
    [
      'lib/orders/probe.ts',
      "import { DEMO_ACCOUNT_ID } from '@/lib/demo/demo-data';",
      '@/lib/demo/demo-data',
    ],
    ['lib/orders/probe.ts', "import { cache } from 'react';", 'react'],
    ['lib/widget/probe.ts', "import { pageAccount } from '@/app/page-account';", '@/app/page-account'],
    ['lib/orders/probe.ts', "import { pageAccount } from '@/app/page-account';", '@/app/page-account'],
    ['components/probe.tsx', "import { getDb } from '@/lib/db/client';", '@/lib/db/client'],
    ['components/probe.tsx', "import { authorize } from '@/lib/access/tokens';", '@/lib/access/tokens'],
    ['components/probe.tsx', "import { dhlAdapter } from '@/lib/carriers/dhl';", '@/lib/carriers/dhl'],
    ['lib/projection/probe.ts', "import { getDb } from '@/lib/db/client';", '@/lib/db/client'],
    ['lib/carriers/probe.ts', "import { getAccount } from '@/lib/db/accounts';", '@/lib/db/accounts'],
  ])('%s may not %s', { timeout: 30_000 }, async (file, source, module) => {
    expect(await restricted(file, `${source}\nexport const x = 1;\n`)).toContain(module);
  });

  it('allows what the layers may use', { timeout: 30_000 }, async () => {
    expect(
      await restricted('lib/orders/probe.ts', "import { getAccount } from '@/lib/db/accounts';"),
    ).toEqual([]);
    expect(
      await restricted('lib/projection/probe.ts', "import type { CheckpointRow } from '@/lib/db/schema';"),
    ).toEqual([]);
    expect(
      await restricted('app/probe.ts', "import { readOrderInfo } from '@/lib/orders/read-order';"),
    ).toEqual([]);
  });
});
