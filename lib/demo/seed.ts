import 'server-only';
import { createAccount, getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { ingestEvents } from '@/lib/orders/ingest-events';
import { putOrder } from '@/lib/orders/write-order';
import { buildDemoShop, DEMO_ACCOUNT_ID } from './demo-data';

/**
 * The demo account's link secret is public on purpose: the README's signed demo link must work on
 * every fresh install. Never use it for a real shop.
 */
export const DEMO_LINK_SECRET = 'demo-link-secret-public-never-use-in-production';

/** Creates the demo shop with timestamps relative to `now`, unless the account exists. */
export async function seedDemoShop(db: Db, now = new Date()) {
  if (await getAccount(db, DEMO_ACCOUNT_ID))
    return { created: false, account: DEMO_ACCOUNT_ID, orders: 0, events: 0 };
  await createAccount(
    db,
    {
      id: DEMO_ACCOUNT_ID,
      name: 'Nordlicht Outfitters',
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
