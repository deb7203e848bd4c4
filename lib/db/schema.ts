import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  DeliveryLocationType,
  ExceptionType,
  LifecycleStatus,
  NextAction,
  StatusCode,
  WatchReason,
} from '@/lib/status/vocabulary';

// Timestamps are ISO 8601 UTC strings and booleans are 0/1 integers in both databases, so one
// query layer and one set of row types serve SQLite and PostgreSQL alike. JSON columns are text.
// Status columns are text holding only the vocabulary's values: every write parses its input
// with zod (or a carrier adapter maps to the vocabulary) first, so rows are typed with the unions.

/**
 * The largest id a row can have: ids are `integer` columns, 32 bits on PostgreSQL. A larger
 * number names no row, and comparing it with such a column is an error there, not a miss.
 */
export const MAX_ROW_ID = 2_147_483_647;

export function isRowId(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= MAX_ROW_ID;
}

export type AccountsTable = {
  id: number;
  name: string;
  /** JSON of AccessPolicy; null means the default policy of SPEC §2. */
  access_policy: string | null;
  link_secret: string;
  link_secret_previous: string | null;
  brand_name: string | null;
  brand_logo_url: string | null;
  brand_primary_color: string | null;
  /** JSON: per client key, brand fields that differ from the account's (multi-brand shops). */
  brands: string | null;
  created_at: string;
  /** The shop's contact shown to shoppers on problem states; per client key in `brands`. */
  support_email: string | null;
  support_phone: string | null;
  help_url: string | null;
  website_url: string | null;
};

export type ApiTokensTable = {
  id: Generated<number>;
  account_id: number;
  name: string | null;
  token_hash: string;
  token_prefix: string;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type OrdersTable = {
  id: Generated<number>;
  account_id: number;
  order_number: string | null;
  /** '' when the order has no client key, so the unique index also holds for single-brand shops. */
  client_key: string;
  external_order_id: string | null;
  external_reference: string | null;
  customer_number: string | null;
  order_date: string | null;
  recipient_name: string | null;
  recipient_email: string | null;
  recipient_email_norm: string | null;
  destination_country_iso3: string | null;
  language_iso2: string | null;
  timezone: string | null;
  shipping_address: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

export type TrackingsTable = {
  id: Generated<number>;
  public_id: string;
  account_id: number;
  order_id: number | null;
  position: Generated<number>;
  courier: string;
  tracking_number: string;
  recipient_postal_code: string | null;
  destination_country_iso3: string | null;
  language_iso2: string | null;
  timezone: string | null;
  announced_delivery_date: string | null;
  announced_delivery_date_min: string | null;
  is_return: Generated<number>;
  additional_attributes: string | null;
  identifiers_consignment: string | null;
  last_mile_courier: string | null;
  pod_identifier: string | null;
  pod_signature: string | null;
  pod_date: string | null;
  created_at: string;
  updated_at: string;
  last_refreshed_at: string | null;
  /** A scheduler's claim on the next refresh, so no two instances refresh one tracking at once. */
  refresh_claimed_until: string | null;
  // Summary kept in step with the checkpoints, for queries that must not read every event
  // (transit-time history, watchlists, the refresh scheduler).
  status_code: StatusCode | null;
  lifecycle_status: Generated<LifecycleStatus>;
  last_event_at: string | null;
  first_scan_at: string | null;
  delivered_at: string | null;
  /**
   * When the watchlist reasons of this tracking may next change with time alone (a day passing,
   * a threshold reached); null when nothing but a new event can change them. The sweep's queue.
   */
  watch_due_at: string | null;
};

export type CheckpointsTable = {
  id: Generated<number>;
  tracking_id: number;
  status_code: StatusCode;
  /** As the source sent it, with its UTC offset. */
  event_timestamp: string;
  /** The same instant in UTC, for ordering. */
  event_time: string;
  raw_code: string | null;
  raw_text: string | null;
  source: string;
  location: string | null;
  event_details: string | null;
  /** The language tag `event_details` is written in, when the source says (carriers: English). */
  event_details_language: string | null;
  delivery_location_type: DeliveryLocationType | null;
  delivery_extra_info: string | null;
  exception_type: ExceptionType | null;
  estimated_delivery: string | null;
  pickup_location: string | null;
  next_action: NextAction | null;
  is_hidden: number;
  dedupe_key: string;
  created_at: string;
};

export type ArticlesTable = {
  id: Generated<number>;
  order_id: number | null;
  tracking_id: number | null;
  position: number;
  data: string;
};

export const ACCESS_CHANNELS = ['api', 'widget', 'page'] as const;
export type AccessChannel = (typeof ACCESS_CHANNELS)[number];
export const ACCESS_PROOFS = ['none', 'postal_code', 'email', 'signature', 'token'] as const;
export type AccessProof = (typeof ACCESS_PROOFS)[number];
/** The level a read was granted, or `refused` for a failed proof on a found order. */
export type AccessOutcome = 'limited' | 'full' | 'refused';

/** Who looked an order up, how and with what result (for staff; kept ACCESS_LOG_RETENTION_DAYS). */
export type AccessLogTable = {
  id: Generated<number>;
  account_id: number;
  order_id: number | null;
  tracking_id: number | null;
  at: string;
  channel: AccessChannel;
  lookup_type: string;
  proof: AccessProof;
  outcome: AccessOutcome;
  /** HMAC of the client's address with this installation's salt: the same client, not who. */
  ip_hash: string;
  /** How many identical reads the row stands for (from `at` on, while they waited to be written). */
  count: Generated<number>;
};

export const AUDIT_ACTIONS = [
  'branding.update',
  'branding.logo',
  'contact.update',
  'token.create',
  'token.revoke',
  'link_secret.rotate',
  'access_policy.update',
  'staff.invite',
  'staff.role',
  'staff.remove',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Every admin change in the staff portal: who, what, when (shown in settings; kept as long as the account). */
export type AuditLogTable = {
  id: Generated<number>;
  account_id: number;
  at: string;
  /** better-auth's user id of the admin; kept as text, not a reference, so removing the user keeps the trail. */
  actor_user_id: string;
  actor_email: string;
  action: AuditAction;
  /** What was changed: a token's prefix, a user's email, a client key; null for the account itself. */
  target: string | null;
  /** JSON of the changed fields (never a secret). */
  detail: string | null;
};

/** Logos uploaded in the branding editor, per account and client key ('' for the account's own). */
export type BrandLogosTable = {
  account_id: number;
  client_key: string;
  /** Hex SHA-256 of `data`: the logo's URL is /brand/logo/<sha256>.<extension>. */
  sha256: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: string;
};

export const STAFF_ROLES = ['admin', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * better-auth's user table (lib/access/staff-auth.ts), the columns our queries read. better-auth
 * writes it with its own types per database: timestamps are dates on PostgreSQL and ISO strings
 * on SQLite, booleans true/false or 1/0.
 */
export type StaffUsersTable = {
  id: string;
  name: string;
  email: string;
  email_verified: boolean | number;
  image: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  two_factor_enabled: boolean | number | null;
};

export type StaffSessionsTable = {
  id: string;
  token: string;
  user_id: string;
  expires_at: Date | string;
  ip_address: string | null;
};

/** Who a staff user works for, and as what: ours, beside better-auth's user row. */
export type StaffMembersTable = {
  user_id: string;
  account_id: number;
  role: StaffRole;
  /** 1 until the user replaces the one-time password the CLI or an admin gave them. */
  must_change_password: number;
  created_at: string;
};

/** Secrets this installation made for itself, shared by every instance on the database. */
export type PortalSecretsTable = {
  name: string;
  value: string;
  created_at: string;
};

/** One row per tracking and reason it is on the staff watchlist; see lib/staff/watchlist.ts. */
export type WatchlistTable = {
  tracking_id: number;
  reason: WatchReason;
  account_id: number;
  order_id: number | null;
  courier: string;
  /** The order's client key; '' for a tracking without an order, as on orders. */
  client_key: string;
  /** When the reason became true (the event, or the moment a threshold passed), UTC ISO. */
  since: string;
};

export type Database = {
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  orders: OrdersTable;
  trackings: TrackingsTable;
  checkpoints: CheckpointsTable;
  articles: ArticlesTable;
  access_log: AccessLogTable;
  audit_log: AuditLogTable;
  brand_logos: BrandLogosTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  staff_members: StaffMembersTable;
  portal_secrets: PortalSecretsTable;
  watchlist: WatchlistTable;
};

export type AccountRow = Selectable<AccountsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type TrackingRow = Selectable<TrackingsTable>;
export type CheckpointRow = Selectable<CheckpointsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type AccessLogRow = Selectable<AccessLogTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewCheckpoint = Insertable<CheckpointsTable>;
export type TrackingUpdate = Updateable<TrackingsTable>;
export type WatchlistRow = Selectable<WatchlistTable>;
