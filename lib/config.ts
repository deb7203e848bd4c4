import { z } from 'zod';

const intFromEnv = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const configSchema = z.object({
  /** `file:<path>` for SQLite, `postgres://…` for PostgreSQL. */
  DATABASE_URL: z.string().default('file:./data/portal.db'),
  /** PostgreSQL connections per instance. */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** The address `npm start` listens on. */
  HOST: z.string().default('0.0.0.0'),
  /** HTTP port of `npm start`; also the port of links the CLI signs when PUBLIC_BASE_URL is unset. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  DEFAULT_ACCOUNT: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ANON_RATE_LIMIT_PER_MIN: intFromEnv(60),
  LOCKOUT_MAX_FAILURES: intFromEnv(5),
  LOCKOUT_WINDOW_S: intFromEnv(1800),
  /**
   * Seconds the tracking page's own signed link lasts after a shopper's postal code or email
   * matched: the proof leaves the address bar, and this link replaces it in history.
   */
  UNLOCK_LINK_LIFETIME_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(3650 * 86_400)
    .default(86_400),
  /** In process, each limit remembers at most this many keys (clients, orders); about 200 bytes each. */
  LIMITER_MAX_KEYS: z.coerce.number().int().positive().default(100_000),
  /** Each tracking in a response carries at most its newest this many checkpoints (SPEC §2). */
  CHECKPOINTS_PER_TRACKING: z.coerce.number().int().positive().max(10_000).default(200),
  /** Memory for projected orders kept between requests, in MB. */
  PROJECTION_CACHE_MB: intFromEnv(16),
  /** Memory for rendered order pages kept between requests (our server only), in MB; 0: none. */
  PAGE_CACHE_MB: intFromEnv(16),
  /** Memory for rendered widget cards kept between requests, in MB. */
  WIDGET_CACHE_MB: intFromEnv(32),
  /**
   * Hours after a delivery scan before the page offers "Didn't receive it?": a parcel scanned as
   * delivered often turns up later that day (a neighbour, the mailbox); 0 offers it at once.
   */
  NOT_RECEIVED_AFTER_HOURS: z.coerce.number().int().nonnegative().max(8760).default(48),
  /** Days the access log of each order keeps who looked it up; 0 records nothing. */
  ACCESS_LOG_RETENTION_DAYS: intFromEnv(90),
  /** Access log entries waiting to be written; beyond it entries are dropped (and counted), never a read slowed. */
  ACCESS_LOG_BUFFER: z.coerce.number().int().positive().default(10_000),
  /** How many proxies in front of the app append to X-Forwarded-For (0: use the socket's address). */
  TRUSTED_PROXY_HOPS: intFromEnv(0),
  SEED_DEMO: z.stringbool().default(true),
  /** CSP frame-ancestors for shops that embed the tracking page, e.g. "https://shop.example". */
  FRAME_ANCESTORS: z.string().default("'none'"),
  /** Shared store for lockouts and request budgets when several instances serve one database. */
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().default('portal'),
  /**
   * Signs staff session cookies and encrypts two-factor secrets. Unset: a random secret the first
   * migration stored in the database, which every instance on that database shares.
   */
  STAFF_AUTH_SECRET: z.string().min(32, 'Use at least 32 characters.').optional(),
  /** Failed staff sign-ins for one email before it is locked, and for how long (minutes). */
  STAFF_LOCKOUT_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  STAFF_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Logs to stderr instead of stdout: the CLI sets it, since its stdout is its own output. */
  LOG_TO_STDERR: z.stringbool().default(false),
});

const secret = z.string().optional();
/** A carrier's API root: http(s) only, without a trailing slash, the production API unless set. */
const baseUrl = (production: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(production)
    .transform((url) => url.replace(/\/+$/, ''));

// Carriers, read from the variable names deployments already use. A carrier without credentials
// is known but not offered for live refresh.
const carriersEnvironment = z.object({
  DHL_API_KEY: secret,
  DHL_API_BASE_URL: baseUrl('https://api-eu.dhl.com'),
  UPS_CLIENT_ID: secret,
  UPS_CLIENT_SECRET: secret,
  UPS_API_BASE_URL: baseUrl('https://onlinetools.ups.com'),
  FEDEX_CLIENT_ID: secret,
  FEDEX_CLIENT_SECRET: secret,
  FEDEX_API_BASE_URL: baseUrl('https://apis.fedex.com'),
  USPS_CLIENT_ID: secret,
  USPS_CLIENT_SECRET: secret,
  USPS_API_BASE_URL: baseUrl('https://apis.usps.com'),
  POSTNL_API_KEY: secret,
  POSTNL_API_BASE_URL: baseUrl('https://api.postnl.nl'),
  /** The embedded demo shop's courier. */
  DEMO_CARRIER: z.stringbool().default(true),
  /** Time all carrier calls of one request may take together. */
  LIVE_REFRESH_BUDGET_MS: z.coerce.number().int().positive().default(3000),
  /** Background refresh of active trackings by this instance. */
  REFRESH_SCHEDULER: z.stringbool().default(true),
});

const carriersSchema = carriersEnvironment.transform((env) => ({
  carriers: {
    dhl: { apiKey: env.DHL_API_KEY, baseUrl: env.DHL_API_BASE_URL },
    ups: {
      clientId: env.UPS_CLIENT_ID,
      clientSecret: env.UPS_CLIENT_SECRET,
      baseUrl: env.UPS_API_BASE_URL,
    },
    fedex: {
      clientId: env.FEDEX_CLIENT_ID,
      clientSecret: env.FEDEX_CLIENT_SECRET,
      baseUrl: env.FEDEX_API_BASE_URL,
    },
    usps: {
      clientId: env.USPS_CLIENT_ID,
      clientSecret: env.USPS_CLIENT_SECRET,
      baseUrl: env.USPS_API_BASE_URL,
    },
    postnl: { apiKey: env.POSTNL_API_KEY, baseUrl: env.POSTNL_API_BASE_URL },
    demo: { enabled: env.DEMO_CARRIER },
    liveRefreshBudgetMs: env.LIVE_REFRESH_BUDGET_MS,
    refreshScheduler: env.REFRESH_SCHEDULER,
  },
}));

const environmentSchema = configSchema.and(carriersSchema);

/** Every environment variable the app reads, by name (the README's table is checked against it). */
export const ENVIRONMENT_VARIABLES: Readonly<Record<string, z.ZodType>> = {
  ...configSchema.shape,
  ...carriersEnvironment.shape,
};

/** A bad setting: one line naming each variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(error: z.ZodError) {
    const problems = error.issues.map(
      (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
    );
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
export type Config = z.infer<typeof environmentSchema>;
export type CarrierSettings = Config['carriers'];
export type ApiKeySettings = CarrierSettings['dhl'];
export type ClientCredentialsSettings = CarrierSettings['ups'];

/** Settings from environment variables; an empty value counts as unset. Throws on a bad value. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) throw new ConfigError(parsed.error);
  return parsed.data;
}

let cached: Config | undefined;

/** Deployment settings from the environment, validated once; a bad value stops the start. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
