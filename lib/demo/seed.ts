import 'server-only';
import { createAccount, getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { ingestEvents } from '@/lib/orders/ingest-events';
import { putOrder } from '@/lib/orders/write-order';
import { buildDemoShop, DEMO_ACCOUNT_ID, DEMO_LINK_SECRET, DEMO_SHOP_NAME } from './demo-data';

/** Creates the demo shop with timestamps relative to `now`, unless the account exists. */
export async function seedDemoShop(db: Db, now = new Date()) {
  if (await getAccount(db, DEMO_ACCOUNT_ID))
    return { created: false, account: DEMO_ACCOUNT_ID, orders: 0, events: 0 };
  await createAccount(
    db,
    {
      id: DEMO_ACCOUNT_ID,
      name: DEMO_SHOP_NAME,
      linkSecret: DEMO_LINK_SECRET,
      brandPrimaryColor: '#0f5c4d',
    },
    now,
  );
  const { orders, events } = buildDemoShop(now);
  for (const order of orders) {
    // Each order is written "at" its order date, so trackings look as old as their orders.
    const placed = order.order_date ? new Date(Math.min(Date.parse(order.order_date), now.getTime())) : now;
    await putOrder(db, DEMO_ACCOUNT_ID, order, placed);
  }
  await ingestEvents(db, DEMO_ACCOUNT_ID, events, { source: 'demo', now });
  return { created: true, account: DEMO_ACCOUNT_ID, orders: orders.length, events: events.length };
}
