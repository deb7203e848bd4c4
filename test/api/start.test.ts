import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPortal } from '../support/server';
import { serverKind, skipReason } from './context';

describe.skipIf(skipReason !== '')('the start', () => {
  it('stops with one line naming a bad setting instead of serving 500s', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-start-'));
    try {
      const started = startPortal(
        { DATABASE_URL: `file:${join(dir, 'portal.db')}`, WIDGET_CACHE_MB: 'abc' },
        serverKind,
      );
      await expect(started).rejects.toThrow(/exited early[\s\S]*Invalid configuration: WIDGET_CACHE_MB: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
