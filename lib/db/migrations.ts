import 'server-only';
import { randomBytes } from 'node:crypto';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { TERMINAL_STATUS_CODES } from '@/lib/status/vocabulary';
import { type Db, isPostgres } from './client';

// Migrations live in code (not files) so the same list runs from `next start`, the CLI and tests
// without a bundler having to find migration files on disk.

function idColumn(db: Kysely<unknown>) {
  return isPostgres(db as Db) ? sql`serial primary key` : sql`integer primary key autoincrement`;
}

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('access_policy', 'text')
        .addColumn('link_secret', 'text', (c) => c.notNull())
        .addColumn('link_secret_previous', 'text')
        .addColumn('brand_name', 'text')
        .addColumn('brand_logo_url', 'text')
        .addColumn('brand_primary_color', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', idColumn(db))
        .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_prefix', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

      await db.schema
        .createTable('orders')
        .addColumn('id', idColumn(db))
        .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('order_number', 'text')
        .addColumn('client_key', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('external_order_id', 'text')
        .addColumn('external_reference', 'text')
        .addColumn('customer_number', 'text')
        .addColumn('order_date', 'text')
        .addColumn('recipient_name', 'text')
        .addColumn('recipient_email', 'text')
        .addColumn('recipient_email_norm', 'text')
        .addColumn('destination_country_iso3', 'text')
        .addColumn('language_iso2', 'text')
        .addColumn('timezone', 'text')
        .addColumn('shipping_address', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // One index behind every lookup of SPEC §2; the trailing order_date serves "most recent".
      await db.schema
        .createIndex('orders_number')
        .on('orders')
        .columns(['account_id', 'order_number', 'client_key'])
        .unique()
        .execute();
      await db.schema
        .createIndex('orders_external_id')
        .on('orders')
        .columns(['account_id', 'external_order_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('orders_external_reference')
        .on('orders')
        .columns(['account_id', 'external_reference', 'order_date'])
        .execute();
      await db.schema
        .createIndex('orders_customer_number')
        .on('orders')
        .columns(['account_id', 'customer_number', 'order_date'])
        .execute();
      await db.schema
        .createIndex('orders_recipient_email')
        .on('orders')
        .columns(['account_id', 'recipient_email_norm', 'order_date'])
        .execute();

      await db.schema
        .createTable('trackings')
        .addColumn('id', idColumn(db))
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('order_id', 'integer', (c) => c.references('orders.id').onDelete('set null'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('courier', 'text', (c) => c.notNull())
        .addColumn('tracking_number', 'text', (c) => c.notNull())
        .addColumn('recipient_postal_code', 'text')
        .addColumn('destination_country_iso3', 'text')
        .addColumn('language_iso2', 'text')
        .addColumn('timezone', 'text')
        .addColumn('announced_delivery_date', 'text')
        .addColumn('announced_delivery_date_min', 'text')
        .addColumn('is_return', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('additional_attributes', 'text')
        .addColumn('identifiers_consignment', 'text')
        .addColumn('last_mile_courier', 'text')
        .addColumn('pod_identifier', 'text')
        .addColumn('pod_signature', 'text')
        .addColumn('pod_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('last_refreshed_at', 'text')
        .addColumn('status_code', 'text')
        .addColumn('lifecycle_status', 'text', (c) => c.notNull().defaultTo('Pending'))
        .addColumn('last_event_at', 'text')
        .addColumn('first_scan_at', 'text')
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema
        .createIndex('trackings_number')
        .on('trackings')
        .columns(['account_id', 'courier', 'tracking_number'])
        .unique()
        .execute();
      await db.schema
        .createIndex('trackings_number_any_account')
        .on('trackings')
        .columns(['courier', 'tracking_number'])
        .execute();
      await db.schema
        .createIndex('trackings_order')
        .on('trackings')
        .columns(['order_id', 'position'])
        .execute();
      await db.schema
        .createIndex('trackings_history')
        .on('trackings')
        .columns(['account_id', 'courier', 'destination_country_iso3', 'delivered_at'])
        .execute();

      await db.schema
        .createTable('checkpoints')
        .addColumn('id', idColumn(db))
        .addColumn('tracking_id', 'integer', (c) =>
          c.notNull().references('trackings.id').onDelete('cascade'),
        )
        .addColumn('status_code', 'text', (c) => c.notNull())
        .addColumn('event_timestamp', 'text', (c) => c.notNull())
        .addColumn('event_time', 'text', (c) => c.notNull())
        .addColumn('raw_code', 'text')
        .addColumn('raw_text', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('location', 'text')
        .addColumn('event_details', 'text')
        .addColumn('delivery_location_type', 'text')
        .addColumn('delivery_extra_info', 'text')
        .addColumn('exception_type', 'text')
        .addColumn('estimated_delivery', 'text')
        .addColumn('pickup_location', 'text')
        .addColumn('next_action', 'text')
        .addColumn('is_hidden', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('checkpoints_dedupe')
        .on('checkpoints')
        .columns(['tracking_id', 'dedupe_key'])
        .unique()
        .execute();
      await db.schema
        .createIndex('checkpoints_tracking_time')
        .on('checkpoints')
        .columns(['tracking_id', 'event_time'])
        .execute();

      await db.schema
        .createTable('articles')
        .addColumn('id', idColumn(db))
        .addColumn('order_id', 'integer', (c) => c.references('orders.id').onDelete('cascade'))
        .addColumn('tracking_id', 'integer', (c) => c.references('trackings.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // Composite, so the planner never prefers a scan: most articles belong to orders, leaving
      // tracking_id mostly NULL, which makes a single-column index look unselective.
      await db.schema
        .createIndex('articles_order')
        .on('articles')
        .columns(['order_id', 'tracking_id', 'position'])
        .execute();
      await db.schema
        .createIndex('articles_tracking')
        .on('articles')
        .columns(['tracking_id', 'position'])
        .execute();
    },
  },
};

migrations['0002_client_brands'] = {
  async up(db) {
    await db.schema.alterTable('accounts').addColumn('brands', 'text').execute();
  },
};

migrations['0003_refresh_claims'] = {
  async up(db) {
    await db.schema.alterTable('trackings').addColumn('refresh_claimed_until', 'text').execute();
    await db.schema
      .createIndex('trackings_refresh_due')
      .on('trackings')
      .columns(['lifecycle_status', 'last_refreshed_at'])
      .execute();
  },
};

// better-auth's tables (lib/access/staff-auth.ts names them), with the column types its own
// migrations give them: text ids it generates; on PostgreSQL timestamptz and boolean (it binds Date
// and boolean values), on SQLite `date` and integer (it writes ISO strings and 0/1; `date` holds
// the strings as text and is the type better-auth's schema check looks for). better-auth checks
// the columns against its configuration when it first touches the database, and so does
// lib/access/staff-auth.test.ts.
migrations['0004_staff_auth'] = {
  async up(db) {
    const pg = isPostgres(db as Db);
    const time = pg ? sql`timestamptz` : sql`date`;
    const bool = pg ? sql`boolean` : sql`integer`;
    const no = pg ? sql`false` : sql`0`;
    const yes = pg ? sql`true` : sql`1`;

    await db.schema
      .createTable('staff_users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('email_verified', bool, (c) => c.notNull().defaultTo(no))
      .addColumn('image', 'text')
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('two_factor_enabled', bool, (c) => c.defaultTo(no))
      .execute();

    await db.schema
      .createTable('staff_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', time, (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('ip_address', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
      .execute();
    await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('user_id').execute();

    // better-auth's "account": one way to sign in (here always a password), not a merchant account.
    await db.schema
      .createTable('staff_credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('provider_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
      .addColumn('access_token', 'text')
      .addColumn('refresh_token', 'text')
      .addColumn('id_token', 'text')
      .addColumn('access_token_expires_at', time)
      .addColumn('refresh_token_expires_at', time)
      .addColumn('scope', 'text')
      .addColumn('password', 'text')
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_credentials_user').on('staff_credentials').column('user_id').execute();

    await db.schema
      .createTable('staff_verifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('expires_at', time, (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('staff_verifications_identifier')
      .on('staff_verifications')
      .column('identifier')
      .execute();

    // better-auth's two-factor plugin: a TOTP secret and backup codes per user, both encrypted.
    await db.schema
      .createTable('staff_two_factors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('backup_codes', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
      .addColumn('verified', bool, (c) => c.defaultTo(yes))
      .addColumn('failed_verification_count', 'integer', (c) => c.defaultTo(0))
      .addColumn('locked_until', time)
      .execute();
    await db.schema.createIndex('staff_two_factors_user').on('staff_two_factors').column('user_id').execute();
    await db.schema
      .createIndex('staff_two_factors_secret')
      .on('staff_two_factors')
      .column('secret')
      .execute();

    // Ours: the merchant account and role of each staff user (see lib/db/staff.ts for why here).
    await db.schema
      .createTable('staff_members')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('staff_users.id').onDelete('cascade'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'agent')`))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_members_account').on('staff_members').column('account_id').execute();

    await db.schema
      .createTable('portal_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Made here, once per database, so that every instance signs staff cookies alike without a
    // setting to share (STAFF_AUTH_SECRET replaces it).
    await db
      .insertInto('portal_secrets' as never)
      .values({
        name: 'staff_auth',
        value: randomBytes(32).toString('base64url'),
        created_at: new Date().toISOString(),
      } as never)
      .execute();
  },
};

// Staff search (SPEC §6): prefix search on order and tracking numbers, case-insensitive. A range
// on lower(number) reads the index in both databases where LIKE would not: SQLite's LIKE is
// case-insensitive and then ignores the index, and PostgreSQL's needs text_pattern_ops. PostgreSQL
// compares bytes only under the "C" collation; under a linguistic one `-` and case weigh less, so
// a range would not hold exactly the strings with the prefix. SQLite compares bytes already.
migrations['0005_staff_search'] = {
  async up(db) {
    const postgres = isPostgres(db as Db);
    const folded = (column: string) =>
      postgres ? sql`lower(${sql.ref(column)}) collate "C"` : sql`lower(${sql.ref(column)})`;
    await sql`create index orders_number_prefix on orders (account_id, ${folded('order_number')}, id)`.execute(
      db,
    );
    await sql`create index trackings_number_prefix on trackings (account_id, ${folded('tracking_number')}, id)`.execute(
      db,
    );
  },
};

// The staff watchlist: one row per tracking and reason, kept current by the writes and by a sweep
// that visits only the trackings whose `watch_due_at` has come (lib/staff/watchlist.ts).
migrations['0006_watchlist'] = {
  async up(db) {
    await db.schema
      .createTable('watchlist')
      .addColumn('tracking_id', 'integer', (c) => c.notNull().references('trackings.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addColumn('order_id', 'integer')
      .addColumn('courier', 'text', (c) => c.notNull())
      .addColumn('client_key', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('since', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('watchlist_pk', ['tracking_id', 'reason'])
      .execute();
    // Counts and pages per reason, newest or oldest first, optionally by courier or client key;
    // tracking_id last so that pages are stable and read straight off the index.
    for (const [name, filter] of [
      ['watchlist_reason', []],
      ['watchlist_courier', ['courier']],
      ['watchlist_client', ['client_key']],
      ['watchlist_courier_client', ['courier', 'client_key']],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('watchlist')
        .columns(['account_id', 'reason', ...filter, 'since', 'tracking_id'])
        .execute();
    }
    await db.schema.alterTable('trackings').addColumn('watch_due_at', 'text').execute();
    await db.schema
      .createIndex('trackings_watch_due')
      .on('trackings')
      .column('watch_due_at')
      .where('watch_due_at', 'is not', null)
      .execute();
    // Backfill through the sweep: every tracking that is not finished is due now. Finished ones
    // (delivered, return processed, cancelled) are on no list.
    await db
      .updateTable('trackings')
      .set({ watch_due_at: '1970-01-01T00:00:00.000Z' })
      .where((eb) =>
        eb.or([eb('status_code', 'is', null), eb('status_code', 'not in', [...TERMINAL_STATUS_CODES])]),
      )
      .execute();
  },
};

migrations['0007_access_log'] = {
  async up(db) {
    await db.schema
      .createTable('access_log')
      .addColumn('id', idColumn(db))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('order_id', 'integer')
      .addColumn('tracking_id', 'integer')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('lookup_type', 'text', (c) => c.notNull())
      .addColumn('proof', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('ip_hash', 'text', (c) => c.notNull())
      .execute();
    // An order's log, newest first; a tracking's without an order; the retention purge by age.
    await db.schema.createIndex('access_log_order').on('access_log').columns(['order_id', 'at']).execute();
    await db.schema
      .createIndex('access_log_tracking')
      .on('access_log')
      .columns(['tracking_id', 'at'])
      .execute();
    await db.schema.createIndex('access_log_at').on('access_log').column('at').execute();
  },
};

migrations['0008_audit_log'] = {
  async up(db) {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', idColumn(db))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text', (c) => c.notNull())
      .addColumn('actor_email', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('audit_log_account')
      .on('audit_log')
      .columns(['account_id', 'at', 'id'])
      .execute();
  },
};

// The branding editor: logos live in the database, so every instance serves the same one, named
// by their SHA-256 (a new logo is a new URL, cached for a year); the shop's contact for shoppers.
migrations['0009_brand_assets'] = {
  async up(db) {
    const bytes = isPostgres(db as Db) ? 'bytea' : 'blob';
    await db.schema
      .createTable('brand_logos')
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('client_key', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('brand_logos_pk', ['account_id', 'client_key', 'sha256'])
      .execute();
    await db.schema.createIndex('brand_logos_sha256').on('brand_logos').column('sha256').execute();
    // The editor lists an account's client keys: a loose index scan over this (lib/db/brand-assets.ts).
    await db.schema
      .createIndex('orders_client_key')
      .on('orders')
      .columns(['account_id', 'client_key'])
      .execute();
    for (const column of ['support_email', 'support_phone', 'help_url']) {
      await db.schema.alterTable('accounts').addColumn(column, 'text').execute();
    }
  },
};

migrations['0010_shop_website'] = {
  // The shop's own website, for the shopper pages' way back to the shop.
  async up(db) {
    await db.schema.alterTable('accounts').addColumn('website_url', 'text').execute();
  },
};

// One row of the access log stands for identical reads coalesced while they waited to be written
// (lib/access/access-log.ts); rows written before stand for one read each.
migrations['0011_access_log_count'] = {
  async up(db) {
    await db.schema
      .alterTable('access_log')
      .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};

// SQLite only: a count of writes to `orders`, kept by triggers, so the server's remembered order
// lookups (lib/db/client.ts) outlive commits that touched other tables (the access log's, every
// second). PostgreSQL remembers nothing and needs none.
migrations['0012_order_writes'] = {
  async up(db) {
    if (isPostgres(db as Db)) return;
    await sql`create table order_writes (id integer primary key check (id = 1), count integer not null)`.execute(
      db,
    );
    await sql`insert into order_writes (id, count) values (1, 0)`.execute(db);
    for (const event of ['insert', 'update', 'delete']) {
      await sql
        .raw(
          `create trigger order_writes_${event} after ${event} on orders ` +
            'begin update order_writes set count = count + 1 where id = 1; end',
        )
        .execute(db);
    }
  },
};

// The language of an event's free text, so a page in another language can tell its own words from
// the source's (null: the source did not say).
migrations['0013_event_details_language'] = {
  async up(db) {
    await db.schema.alterTable('checkpoints').addColumn('event_details_language', 'text').execute();
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// Kysely locks migrations on PostgreSQL, not on SQLite: two processes starting on one new file
// (the server and the CLI, two instances) both try the first pending migration, and one fails on
// what the other created. Each migration is its own transaction, so the loser changed nothing: it
// waits and reads again which migrations are still pending.
const SQLITE_ATTEMPTS = 5;

/** Brings the schema to the newest version; safe to call on every start and from many instances. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const attempts = isPostgres(db) ? 1 : SQLITE_ATTEMPTS;
  const applied: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
    applied.push(...(results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName));
    if (!error) return applied;
    if (attempt >= attempts) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}
