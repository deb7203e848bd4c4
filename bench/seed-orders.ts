import 'server-only';
import Database from 'better-sqlite3';

/**
 * Fills a migrated SQLite file with `count` synthetic orders for account `accountId`, each with one
 * tracking, two checkpoints and one article. Raw prepared statements in one transaction: the
 * benchmark needs a million rows in seconds, not realism.
 */
export function seedSyntheticOrders(path: string, accountId: number, count: number) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const order = db.prepare(
    `insert into orders (id, account_id, order_number, client_key, external_order_id, customer_number, order_date,
       recipient_name, recipient_email, recipient_email_norm, destination_country_iso3, language_iso2, timezone,
       shipping_address, created_at, updated_at, version)
     values (?, ?, ?, '', null, ?, ?, 'Bench Recipient', ?, ?, 'DEU', 'de', 'Europe/Berlin', ?, ?, ?, 1)`,
  );
  const tracking = db.prepare(
    `insert into trackings (id, public_id, account_id, order_id, position, courier, tracking_number,
       recipient_postal_code, destination_country_iso3, timezone, announced_delivery_date, is_return,
       created_at, updated_at, status_code, lifecycle_status, last_event_at, first_scan_at, delivered_at)
     values (?, ?, ?, ?, 0, 'dhl', ?, '10115', 'DEU', 'Europe/Berlin', ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const checkpoint = db.prepare(
    `insert into checkpoints (tracking_id, status_code, event_timestamp, event_time, raw_code, source, location,
       is_hidden, dedupe_key, created_at)
     values (?, ?, ?, ?, ?, 'bench', '{"city":"Berlin","country_iso3":"DEU"}', 0, ?, ?)`,
  );
  const article = db.prepare(
    `insert into articles (order_id, tracking_id, position, data) values (?, null, 0, ?)`,
  );
  const address = JSON.stringify({
    address_line: 'Benchstraße 1',
    postal_code: '10115',
    city: 'Berlin',
    country_iso3: 'DEU',
  });
  const articleData = JSON.stringify({ article_name: 'Bench item', sku: 'B-1', quantity: 1 });
  const base = (db.prepare('select coalesce(max(id), 0) as m from orders').get() as { m: number }).m;

  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const id = base + i;
      const placed = now - ((i % 60) + 2) * 86_400_000;
      const scanned = placed + 86_400_000;
      const delivered = i % 3 === 0;
      const email = `bench${i}@example.com`;
      order.run(
        id,
        accountId,
        `B-${i}`,
        `C-${i % 50_000}`,
        iso(placed),
        email,
        email,
        address,
        iso(placed),
        iso(placed),
      );
      tracking.run(
        id,
        `trk_bench${id}`,
        accountId,
        id,
        `BENCH${String(i).padStart(12, '0')}`,
        new Date(placed + 3 * 86_400_000).toISOString().slice(0, 10),
        iso(placed),
        iso(scanned),
        delivered ? 'Delivered' : 'InTransit',
        delivered ? 'Delivered' : 'InTransit',
        iso(scanned + 86_400_000),
        iso(scanned),
        delivered ? iso(scanned + 86_400_000) : null,
      );
      checkpoint.run(id, 'InboundScan', iso(scanned), iso(scanned), 'IS', `a${id}`, iso(scanned));
      const second = delivered ? 'Delivered' : 'InTransit';
      checkpoint.run(
        id,
        second,
        iso(scanned + 86_400_000),
        iso(scanned + 86_400_000),
        second,
        `b${id}`,
        iso(scanned),
      );
      article.run(id, articleData);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
}
