import 'server-only';
import { createAccount } from '@/lib/db/accounts';
import { createDb } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { ingestEvents } from '@/lib/orders/ingest-events';
import { mintLink } from '@/lib/orders/links';
import { readOrderInfo } from '@/lib/orders/read-order';
import { putOrder } from '@/lib/orders/write-order';
import { infoQuerySchema, linkQuerySchema } from '@/lib/schemas/info-query';
import { EXAMPLE_BASE_URL, EXAMPLE_LOOKUP, EXAMPLE_NOW, exampleRequests } from './api-examples';
import { DEMO_ACCOUNT_ID, DEMO_LINK_SECRET, DEMO_SHOP_NAME } from './demo-data';

/**
 * What the API answers for the example requests, on a fresh in-memory database holding the demo
 * shop: the events (POST), the order written again (PUT), the order looked up (GET info) and a
 * signed link (GET link).
 */
export async function exampleResponses(now = EXAMPLE_NOW) {
  const db = createDb('file::memory:');
  try {
    await migrateToLatest(db);
    await createAccount(db, { id: DEMO_ACCOUNT_ID, name: DEMO_SHOP_NAME, linkSecret: DEMO_LINK_SECRET }, now);
    const { order, events, otherOrders, otherEvents } = exampleRequests(now);
    for (const o of [...otherOrders, order]) {
      const placed = o.order_date ? new Date(Math.min(Date.parse(o.order_date), now.getTime())) : now;
      await putOrder(db, DEMO_ACCOUNT_ID, o, placed);
    }
    await ingestEvents(db, DEMO_ACCOUNT_ID, otherEvents, { source: 'demo', now });
    const { warnings: _none, ...ingested } = await ingestEvents(db, DEMO_ACCOUNT_ID, events, {
      source: 'api',
      now,
      eventPath: (index) => ['events', index],
    });
    const put = await putOrder(db, DEMO_ACCOUNT_ID, order, now);
    const read = await readOrderInfo(db, {
      query: infoQuerySchema.parse({
        account: String(EXAMPLE_LOOKUP.account),
        order_number: EXAMPLE_LOOKUP.order_number,
        recipient_postal_code: EXAMPLE_LOOKUP.postal_code,
        lang: EXAMPLE_LOOKUP.lang,
      }),
      bearer: null,
      clientIp: 'example',
      now,
    });
    const link = await mintLink(
      db,
      DEMO_ACCOUNT_ID,
      linkQuerySchema.parse({
        account: String(EXAMPLE_LOOKUP.account),
        order_number: EXAMPLE_LOOKUP.order_number,
        lang: EXAMPLE_LOOKUP.lang,
        expires_in: '30d',
      }),
      { baseUrl: EXAMPLE_BASE_URL, now },
    );
    return { info: read.info, put: put.info, events: ingested, link };
  } finally {
    await db.destroy();
  }
}
