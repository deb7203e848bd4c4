import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handOver, readTrackPageOnce, type TrackPageState } from '@/app/track/page-state';
import { perProcess } from '@/lib/process-state';
import { openTestDb } from '@/test/support/databases';

// The page takes the read our server made for its request (server/page-cache.ts) only for the
// query that read was made for: a token that reached another request must not show it its order.
describe('a read handed to the page', () => {
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openTestDb('sqlite', 'handed-read');
    close = opened.close;
    // The page reads through the process's database; here that is this test's own file.
    perProcess('db', () => opened.db);
  });
  afterAll(() => close());

  const query = 'order_number=NL-10001&account=1001&s=4102444800.x';
  const handed = { kind: 'form', reason: 'none' } as unknown as TrackPageState;
  const read = (q: string, token: string | null) => readTrackPageOnce(q, '203.0.113.7', null, token);

  it('is the read for its own query while its request is in flight', async () => {
    const { token, release } = handOver(query, handed);
    expect(await read(query, token)).toBe(handed);
    release();
  });

  it('is not the read of another query, nor after its request ended', async () => {
    const { token, release } = handOver(query, handed);
    const other = await read('order_number=NL-10002&account=1001&s=4102444800.x', token);
    expect(other).not.toBe(handed);
    expect(other.kind).toBe('form');
    release();
    expect(await read(query, token)).not.toBe(handed);
  });
});
